CREATE TABLE "auth_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"teacher_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "check_answers" (
	"session_id" uuid NOT NULL,
	"player_id" text NOT NULL,
	"card_id" text NOT NULL,
	"choice" integer NOT NULL,
	"correct" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "check_answers_session_id_player_id_card_id_pk" PRIMARY KEY("session_id","player_id","card_id")
);
--> statement-breakpoint
CREATE TABLE "checkpoints" (
	"session_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checkpoints_session_id_level_pk" PRIMARY KEY("session_id","level")
);
--> statement-breakpoint
CREATE TABLE "game_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"pin" text NOT NULL,
	"teacher_id" uuid,
	"dataset" text NOT NULL,
	"settings" jsonb NOT NULL,
	"levels" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "game_sessions_pin_created_uq" UNIQUE("pin","created_at")
);
--> statement-breakpoint
CREATE TABLE "players" (
	"session_id" uuid NOT NULL,
	"id" text NOT NULL,
	"nickname" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"score" integer DEFAULT 0 NOT NULL,
	"best_streak" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "players_session_id_id_pk" PRIMARY KEY("session_id","id")
);
--> statement-breakpoint
CREATE TABLE "room_snapshots" (
	"pin" text PRIMARY KEY NOT NULL,
	"room" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_images" (
	"session_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"image_id" text NOT NULL,
	"position" smallint NOT NULL,
	"pixels" "bytea" NOT NULL,
	"truth" text NOT NULL,
	CONSTRAINT "round_images_session_id_round_image_id_pk" PRIMARY KEY("session_id","round","image_id")
);
--> statement-breakpoint
CREATE TABLE "rounds" (
	"session_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"level" integer NOT NULL,
	"level_id" text,
	"started_at" timestamp with time zone NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"revealed_at" timestamp with time zone,
	"fooled_rate" real,
	CONSTRAINT "rounds_session_id_round_pk" PRIMARY KEY("session_id","round")
);
--> statement-breakpoint
CREATE TABLE "teachers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"pass_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teachers_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "training_summaries" (
	"session_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"level" integer NOT NULL,
	"report" jsonb,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_summaries_session_id_round_pk" PRIMARY KEY("session_id","round")
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"image_id" text NOT NULL,
	"player_id" text NOT NULL,
	"verdict" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "votes_player_image_uq" UNIQUE("session_id","round","image_id","player_id")
);
--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_teacher_id_teachers_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."teachers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_answers" ADD CONSTRAINT "check_answers_session_id_game_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."game_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_answers" ADD CONSTRAINT "check_answers_session_id_player_id_players_session_id_id_fk" FOREIGN KEY ("session_id","player_id") REFERENCES "public"."players"("session_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoints" ADD CONSTRAINT "checkpoints_session_id_game_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."game_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "game_sessions" ADD CONSTRAINT "game_sessions_teacher_id_teachers_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."teachers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "players" ADD CONSTRAINT "players_session_id_game_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."game_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_images" ADD CONSTRAINT "round_images_session_id_game_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."game_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_images" ADD CONSTRAINT "round_images_session_id_round_rounds_session_id_round_fk" FOREIGN KEY ("session_id","round") REFERENCES "public"."rounds"("session_id","round") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_session_id_game_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."game_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_summaries" ADD CONSTRAINT "training_summaries_session_id_game_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."game_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_session_id_game_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."game_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_session_id_round_image_id_round_images_session_id_round_image_id_fk" FOREIGN KEY ("session_id","round","image_id") REFERENCES "public"."round_images"("session_id","round","image_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_session_id_player_id_players_session_id_id_fk" FOREIGN KEY ("session_id","player_id") REFERENCES "public"."players"("session_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auth_sessions_teacher_idx" ON "auth_sessions" USING btree ("teacher_id");--> statement-breakpoint
CREATE INDEX "game_sessions_teacher_idx" ON "game_sessions" USING btree ("teacher_id","created_at");--> statement-breakpoint
CREATE INDEX "game_sessions_created_idx" ON "game_sessions" USING btree ("created_at");