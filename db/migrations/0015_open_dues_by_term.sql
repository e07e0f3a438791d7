-- A term's open dues in date order, for matching and its oldest open due (term_balances); its dues
-- by date no longer carry what they got, which a payment would rewrite. (matching_bulk_write, in this
-- migration's snapshot, was made by 0014, whose triggers name it.)
DROP INDEX `expected_term_idx`;--> statement-breakpoint
CREATE INDEX `expected_term_open_idx` ON `expected_payments` (`term_id`,`due_on`,`seq`) WHERE received_fen < amount_fen;--> statement-breakpoint
CREATE INDEX `expected_term_idx` ON `expected_payments` (`term_id`,`due_on`);
