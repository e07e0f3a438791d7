ALTER TABLE `income_records` ADD `matched_fen` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- what each receipt paid so far, from the matches there are
UPDATE `income_records` SET `matched_fen` = m.fen
  FROM (SELECT income_id, SUM(amount_fen) AS fen FROM payment_matches GROUP BY income_id) m
  WHERE m.income_id = income_records.id;--> statement-breakpoint
-- and kept in step with them, whatever code path matches, matches by hand or takes matches back;
-- allocate, which matches a whole file at once, marks its write (matching_bulk_write) and adds up
-- what it paid in one statement a table instead
CREATE TABLE `matching_bulk_write` (`id` integer PRIMARY KEY NOT NULL);--> statement-breakpoint
CREATE TRIGGER `matched_insert` AFTER INSERT ON `payment_matches`
WHEN NOT EXISTS (SELECT 1 FROM matching_bulk_write) BEGIN
  UPDATE income_records SET matched_fen = matched_fen + NEW.amount_fen WHERE id = NEW.income_id;
END;--> statement-breakpoint
CREATE TRIGGER `matched_update` AFTER UPDATE OF income_id, amount_fen ON `payment_matches`
WHEN NOT EXISTS (SELECT 1 FROM matching_bulk_write) BEGIN
  UPDATE income_records SET matched_fen = matched_fen - OLD.amount_fen WHERE id = OLD.income_id;
  UPDATE income_records SET matched_fen = matched_fen + NEW.amount_fen WHERE id = NEW.income_id;
END;--> statement-breakpoint
CREATE TRIGGER `matched_delete` AFTER DELETE ON `payment_matches` BEGIN
  UPDATE income_records SET matched_fen = matched_fen - OLD.amount_fen WHERE id = OLD.income_id;
END;--> statement-breakpoint
CREATE INDEX `income_unmatched_idx` ON `income_records` (`project_id`,`village_id`,`enterprise_id`,`received_on`) WHERE voided_at IS NULL AND project_id IS NOT NULL AND enterprise_id IS NOT NULL AND matched_fen < amount_fen;
--> statement-breakpoint
-- A receipt paying a due changes only what is open: the term_balances triggers (0013) take the light
-- road for it, the full one only when a due moves to another term, day or amount.
DROP TRIGGER `due_balances_update`;--> statement-breakpoint
-- Paid (or paid back): only what is open moves, and the oldest open due when it was that one.
CREATE TRIGGER `due_balances_paid` AFTER UPDATE OF received_fen ON `expected_payments`
WHEN NOT EXISTS (SELECT 1 FROM matching_bulk_write) AND NEW.term_id = OLD.term_id AND NEW.due_on = OLD.due_on AND NEW.amount_fen = OLD.amount_fen BEGIN
  UPDATE term_balances SET
    open_fen = open_fen - CASE WHEN NEW.due_on <= (SELECT as_of FROM balances_as_of WHERE id = 1)
      THEN NEW.received_fen - OLD.received_fen ELSE 0 END,
    oldest_open = CASE
      WHEN NEW.received_fen < NEW.amount_fen THEN
        CASE WHEN oldest_open IS NULL OR NEW.due_on < oldest_open THEN NEW.due_on ELSE oldest_open END
      WHEN OLD.due_on = oldest_open THEN (SELECT MIN(e.due_on) FROM expected_payments e
        WHERE e.term_id = NEW.term_id AND e.received_fen < e.amount_fen)
      ELSE oldest_open END
  WHERE term_id = NEW.term_id;
END;--> statement-breakpoint
-- Moved to another term, day or amount: taken out as it was and put in as it is.
CREATE TRIGGER `due_balances_update` AFTER UPDATE OF term_id, due_on, amount_fen, received_fen ON `expected_payments`
WHEN NOT (NEW.term_id = OLD.term_id AND NEW.due_on = OLD.due_on AND NEW.amount_fen = OLD.amount_fen) BEGIN
  UPDATE term_balances SET
    due_count = due_count - (OLD.due_on <= (SELECT as_of FROM balances_as_of WHERE id = 1)),
    due_fen = due_fen - CASE WHEN OLD.due_on <= (SELECT as_of FROM balances_as_of WHERE id = 1) THEN OLD.amount_fen ELSE 0 END,
    open_fen = open_fen - CASE WHEN OLD.due_on <= (SELECT as_of FROM balances_as_of WHERE id = 1)
      THEN OLD.amount_fen - OLD.received_fen ELSE 0 END
  WHERE term_id = OLD.term_id;
  UPDATE term_balances SET
    due_count = due_count + (NEW.due_on <= (SELECT as_of FROM balances_as_of WHERE id = 1)),
    due_fen = due_fen + CASE WHEN NEW.due_on <= (SELECT as_of FROM balances_as_of WHERE id = 1) THEN NEW.amount_fen ELSE 0 END,
    open_fen = open_fen + CASE WHEN NEW.due_on <= (SELECT as_of FROM balances_as_of WHERE id = 1)
      THEN NEW.amount_fen - NEW.received_fen ELSE 0 END
  WHERE term_id = NEW.term_id;
  UPDATE term_balances SET
    next_due = (SELECT MIN(e.due_on) FROM expected_payments e
      WHERE e.term_id = term_balances.term_id AND e.due_on > (SELECT as_of FROM balances_as_of WHERE id = 1)),
    oldest_open = (SELECT MIN(e.due_on) FROM expected_payments e
      WHERE e.term_id = term_balances.term_id AND e.received_fen < e.amount_fen)
  WHERE term_id IN (OLD.term_id, NEW.term_id);
END;
