ALTER TABLE "checkpoints" ALTER COLUMN "bytes" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "checkpoints" ADD COLUMN "file" text;--> statement-breakpoint
ALTER TABLE "checkpoints" ADD COLUMN "size" integer;--> statement-breakpoint
ALTER TABLE "checkpoints" ADD COLUMN "sha256" text;