ALTER TABLE "votes" DROP CONSTRAINT "votes_player_image_uq";--> statement-breakpoint
ALTER TABLE "votes" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_pk" PRIMARY KEY("session_id","round","image_id","player_id");--> statement-breakpoint
ALTER TABLE "room_snapshots" ALTER COLUMN "room" SET DATA TYPE json USING "room"::json;
