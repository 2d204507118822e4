ALTER TABLE "votes" ADD COLUMN "giveaway_x" double precision;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "giveaway_y" double precision;