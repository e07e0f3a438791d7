CREATE TABLE `balances_as_of` (
	`id` integer PRIMARY KEY NOT NULL,
	`as_of` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `term_balances` (
	`term_id` integer PRIMARY KEY NOT NULL,
	`project_id` integer NOT NULL,
	`village_id` integer NOT NULL,
	`enterprise_id` integer NOT NULL,
	`due_count` integer DEFAULT 0 NOT NULL,
	`due_fen` integer DEFAULT 0 NOT NULL,
	`open_fen` integer DEFAULT 0 NOT NULL,
	`next_due` text,
	`oldest_open` text,
	FOREIGN KEY (`term_id`) REFERENCES `contract_terms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `balances_enterprise_idx` ON `term_balances` (`enterprise_id`,`due_count`,`next_due`,`due_fen`,`open_fen`,`oldest_open`,`village_id`);--> statement-breakpoint
CREATE INDEX `balances_village_idx` ON `term_balances` (`village_id`,`due_count`,`next_due`,`due_fen`,`open_fen`,`oldest_open`);--> statement-breakpoint
CREATE INDEX `balances_project_idx` ON `term_balances` (`project_id`,`due_count`,`next_due`,`due_fen`,`open_fen`,`oldest_open`,`village_id`);--> statement-breakpoint
CREATE INDEX `balances_next_idx` ON `term_balances` (`next_due`);--> statement-breakpoint
-- The day the balances are added up to: today in Beijing when this runs; rollBalances moves it on.
INSERT INTO `balances_as_of` (`id`, `as_of`) VALUES (1, date('now', '+8 hours'));
--> statement-breakpoint
-- Every term has its row, whatever code path writes the term.
CREATE TRIGGER `term_balances_insert` AFTER INSERT ON `contract_terms` BEGIN
  INSERT INTO term_balances (term_id, project_id, village_id, enterprise_id)
    VALUES (NEW.id, NEW.project_id, NEW.village_id, NEW.enterprise_id);
END;
--> statement-breakpoint
CREATE TRIGGER `term_balances_parties` AFTER UPDATE OF project_id, village_id, enterprise_id ON `contract_terms` BEGIN
  UPDATE term_balances SET project_id = NEW.project_id, village_id = NEW.village_id, enterprise_id = NEW.enterprise_id
    WHERE term_id = NEW.id;
END;
--> statement-breakpoint
-- A due added, taken away or changed moves its term's figures in the same transaction. The next due
-- and the oldest open one are looked up again along expected_term_idx when they may have moved.
CREATE TRIGGER `due_balances_insert` AFTER INSERT ON `expected_payments` BEGIN
  UPDATE term_balances SET
    due_count = due_count + (NEW.due_on <= (SELECT as_of FROM balances_as_of WHERE id = 1)),
    due_fen = due_fen + CASE WHEN NEW.due_on <= (SELECT as_of FROM balances_as_of WHERE id = 1) THEN NEW.amount_fen ELSE 0 END,
    open_fen = open_fen + CASE WHEN NEW.due_on <= (SELECT as_of FROM balances_as_of WHERE id = 1)
      THEN NEW.amount_fen - NEW.received_fen ELSE 0 END,
    next_due = CASE WHEN NEW.due_on > (SELECT as_of FROM balances_as_of WHERE id = 1)
      AND (next_due IS NULL OR NEW.due_on < next_due) THEN NEW.due_on ELSE next_due END,
    oldest_open = CASE WHEN NEW.received_fen < NEW.amount_fen
      AND (oldest_open IS NULL OR NEW.due_on < oldest_open) THEN NEW.due_on ELSE oldest_open END
  WHERE term_id = NEW.term_id;
END;
--> statement-breakpoint
CREATE TRIGGER `due_balances_delete` AFTER DELETE ON `expected_payments` BEGIN
  UPDATE term_balances SET
    due_count = due_count - (OLD.due_on <= (SELECT as_of FROM balances_as_of WHERE id = 1)),
    due_fen = due_fen - CASE WHEN OLD.due_on <= (SELECT as_of FROM balances_as_of WHERE id = 1) THEN OLD.amount_fen ELSE 0 END,
    open_fen = open_fen - CASE WHEN OLD.due_on <= (SELECT as_of FROM balances_as_of WHERE id = 1)
      THEN OLD.amount_fen - OLD.received_fen ELSE 0 END,
    next_due = CASE WHEN OLD.due_on = next_due THEN (SELECT MIN(e.due_on) FROM expected_payments e
      WHERE e.term_id = OLD.term_id AND e.due_on > (SELECT as_of FROM balances_as_of WHERE id = 1)) ELSE next_due END,
    oldest_open = CASE WHEN OLD.due_on = oldest_open THEN (SELECT MIN(e.due_on) FROM expected_payments e
      WHERE e.term_id = OLD.term_id AND e.received_fen < e.amount_fen) ELSE oldest_open END
  WHERE term_id = OLD.term_id;
END;
--> statement-breakpoint
CREATE TRIGGER `due_balances_update` AFTER UPDATE OF term_id, due_on, amount_fen, received_fen ON `expected_payments` BEGIN
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
--> statement-breakpoint
-- The terms there are, added up as of today.
INSERT INTO `term_balances` (term_id, project_id, village_id, enterprise_id, due_count, due_fen, open_fen, next_due, oldest_open)
  SELECT t.id, t.project_id, t.village_id, t.enterprise_id,
    (SELECT COUNT(*) FROM expected_payments e WHERE e.term_id = t.id AND e.due_on <= b.as_of),
    (SELECT COALESCE(SUM(e.amount_fen), 0) FROM expected_payments e WHERE e.term_id = t.id AND e.due_on <= b.as_of),
    (SELECT COALESCE(SUM(e.amount_fen - e.received_fen), 0) FROM expected_payments e WHERE e.term_id = t.id AND e.due_on <= b.as_of),
    (SELECT MIN(e.due_on) FROM expected_payments e WHERE e.term_id = t.id AND e.due_on > b.as_of),
    (SELECT MIN(e.due_on) FROM expected_payments e WHERE e.term_id = t.id AND e.received_fen < e.amount_fen)
  FROM contract_terms t, balances_as_of b WHERE b.id = 1;
