using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Treatment.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ManyPersonPetitionsAndCoordinationCommittee : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "committee_reviewed",
                table: "petitions");

            migrationBuilder.AddColumn<long>(
                name: "committee_closure_decision_id",
                table: "petitions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "merged_into_petition_id",
                table: "petitions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "roster_received_at",
                table: "petitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "committee_meetings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    scheduled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    attendee_ids = table.Column<List<long>>(type: "bigint[]", nullable: false),
                    minutes_html = table.Column<string>(type: "text", nullable: true),
                    minutes_issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_committee_meetings", x => x.id);
                    table.ForeignKey(
                        name: "fk_committee_meetings_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "committee_members",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    position = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    is_chair = table.Column<bool>(type: "boolean", nullable: false),
                    is_external = table.Column<bool>(type: "boolean", nullable: false),
                    appointed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    left_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_committee_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_committee_members_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "petition_representatives",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    petition_id = table.Column<long>(type: "bigint", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    chosen_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    designated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_petition_representatives", x => x.id);
                    table.ForeignKey(
                        name: "fk_petition_representatives_petitions_petition_id",
                        column: x => x.petition_id,
                        principalTable: "petitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "committee_agenda_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    subject = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    petition_id = table.Column<long>(type: "bigint", nullable: true),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    meeting_id = table.Column<long>(type: "bigint", nullable: true),
                    hearing_notice_id = table.Column<long>(type: "bigint", nullable: true),
                    hearing_mode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    created_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_by_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_committee_agenda_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_committee_agenda_items_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_committee_agenda_items_committee_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "committee_meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_committee_agenda_items_notices_hearing_notice_id",
                        column: x => x.hearing_notice_id,
                        principalTable: "notices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_committee_agenda_items_petitions_petition_id",
                        column: x => x.petition_id,
                        principalTable: "petitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "committee_decisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    agenda_item_id = table.Column<long>(type: "bigint", nullable: false),
                    meeting_id = table.Column<long>(type: "bigint", nullable: false),
                    resolution = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_by_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_committee_decisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_committee_decisions_committee_agenda_items_agenda_item_id",
                        column: x => x.agenda_item_id,
                        principalTable: "committee_agenda_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_committee_decisions_committee_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "committee_meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_petitions_committee_closure_decision_id",
                table: "petitions",
                column: "committee_closure_decision_id");

            migrationBuilder.CreateIndex(
                name: "ix_petitions_merged_into_petition_id",
                table: "petitions",
                column: "merged_into_petition_id",
                filter: "merged_into_petition_id is not null");

            migrationBuilder.CreateIndex(
                name: "ix_committee_agenda_items_agency_id_created_at",
                table: "committee_agenda_items",
                columns: new[] { "agency_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_committee_agenda_items_hearing_notice_id",
                table: "committee_agenda_items",
                column: "hearing_notice_id");

            migrationBuilder.CreateIndex(
                name: "ix_committee_agenda_items_meeting_id",
                table: "committee_agenda_items",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_committee_agenda_items_petition_id",
                table: "committee_agenda_items",
                column: "petition_id");

            migrationBuilder.CreateIndex(
                name: "ix_committee_decisions_agenda_item_id",
                table: "committee_decisions",
                column: "agenda_item_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_committee_decisions_meeting_id",
                table: "committee_decisions",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_committee_meetings_agency_id_scheduled_at",
                table: "committee_meetings",
                columns: new[] { "agency_id", "scheduled_at" });

            migrationBuilder.CreateIndex(
                name: "ix_committee_members_agency_id",
                table: "committee_members",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_petition_representatives_petition_id_ordinal",
                table: "petition_representatives",
                columns: new[] { "petition_id", "ordinal" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_petitions_committee_decisions_committee_closure_decision_id",
                table: "petitions",
                column: "committee_closure_decision_id",
                principalTable: "committee_decisions",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_petitions_petitions_merged_into_petition_id",
                table: "petitions",
                column: "merged_into_petition_id",
                principalTable: "petitions",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_petitions_committee_decisions_committee_closure_decision_id",
                table: "petitions");

            migrationBuilder.DropForeignKey(
                name: "fk_petitions_petitions_merged_into_petition_id",
                table: "petitions");

            migrationBuilder.DropTable(
                name: "committee_decisions");

            migrationBuilder.DropTable(
                name: "committee_members");

            migrationBuilder.DropTable(
                name: "petition_representatives");

            migrationBuilder.DropTable(
                name: "committee_agenda_items");

            migrationBuilder.DropTable(
                name: "committee_meetings");

            migrationBuilder.DropIndex(
                name: "ix_petitions_committee_closure_decision_id",
                table: "petitions");

            migrationBuilder.DropIndex(
                name: "ix_petitions_merged_into_petition_id",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "committee_closure_decision_id",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "merged_into_petition_id",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "roster_received_at",
                table: "petitions");

            migrationBuilder.AddColumn<bool>(
                name: "committee_reviewed",
                table: "petitions",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }
    }
}
