using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Treatment.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ComplexPetitionsAndOpen311 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "complex_petitions",
                columns: table => new
                {
                    petition_id = table.Column<long>(type: "bigint", nullable: false),
                    lead_department_id = table.Column<int>(type: "integer", nullable: false),
                    designated_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    designated_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    designated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    guide_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    coordination_committee_requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    coordination_committee_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    coordination_committee_requested_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_complex_petitions", x => x.petition_id);
                    table.ForeignKey(
                        name: "fk_complex_petitions_departments_lead_department_id",
                        column: x => x.lead_department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_complex_petitions_petitions_petition_id",
                        column: x => x.petition_id,
                        principalTable: "petitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_complex_petitions_users_guide_user_id",
                        column: x => x.guide_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "open311_requests",
                columns: table => new
                {
                    petition_id = table.Column<long>(type: "bigint", nullable: false),
                    channel_api_key_id = table.Column<int>(type: "integer", nullable: false),
                    service_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_open311_requests", x => x.petition_id);
                    table.ForeignKey(
                        name: "fk_open311_requests_channel_api_keys_channel_api_key_id",
                        column: x => x.channel_api_key_id,
                        principalTable: "channel_api_keys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_open311_requests_petitions_petition_id",
                        column: x => x.petition_id,
                        principalTable: "petitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "consultations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    petition_id = table.Column<long>(type: "bigint", nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    question = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    requested_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    requested_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opinion = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    answer = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    answered_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    answered_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    escalated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consultations", x => x.id);
                    table.ForeignKey(
                        name: "fk_consultations_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_consultations_complex_petitions_petition_id",
                        column: x => x.petition_id,
                        principalTable: "complex_petitions",
                        principalColumn: "petition_id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_consultations_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "working_committee_meetings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    petition_id = table.Column<long>(type: "bigint", nullable: false),
                    held_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    members = table.Column<List<string>>(type: "text[]", nullable: false),
                    joint_site_check = table.Column<bool>(type: "boolean", nullable: false),
                    site_check_notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    decision = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    decision_text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    recorded_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_working_committee_meetings", x => x.id);
                    table.ForeignKey(
                        name: "fk_working_committee_meetings_complex_petitions_petition_id",
                        column: x => x.petition_id,
                        principalTable: "complex_petitions",
                        principalColumn: "petition_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_complex_petitions_guide_user_id",
                table: "complex_petitions",
                column: "guide_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_complex_petitions_lead_department_id",
                table: "complex_petitions",
                column: "lead_department_id");

            migrationBuilder.CreateIndex(
                name: "ix_consultations_department_id",
                table: "consultations",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_consultations_inbox",
                table: "consultations",
                columns: new[] { "agency_id", "department_id", "due_at" },
                filter: "answered_at is null");

            migrationBuilder.CreateIndex(
                name: "ix_consultations_late",
                table: "consultations",
                column: "due_at",
                filter: "answered_at is null and escalated_at is null");

            migrationBuilder.CreateIndex(
                name: "ix_consultations_petition_id",
                table: "consultations",
                column: "petition_id");

            migrationBuilder.CreateIndex(
                name: "ix_open311_requests_channel_api_key_id_requested_at",
                table: "open311_requests",
                columns: new[] { "channel_api_key_id", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_working_committee_meetings_petition_id",
                table: "working_committee_meetings",
                column: "petition_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "consultations");

            migrationBuilder.DropTable(
                name: "open311_requests");

            migrationBuilder.DropTable(
                name: "working_committee_meetings");

            migrationBuilder.DropTable(
                name: "complex_petitions");
        }
    }
}
