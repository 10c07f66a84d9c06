using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Treatment.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PackagesAndAddressChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "address_change_receipt_numbers");

            migrationBuilder.CreateSequence(
                name: "package_receipt_numbers");

            migrationBuilder.CreateTable(
                name: "address_change_recipients",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name_ko = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    endpoint = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    secret_cipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    secret_key_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_address_change_recipients", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "address_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    receipt_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name_cipher = table.Column<byte[]>(type: "bytea", nullable: false),
                    previous_address_cipher = table.Column<byte[]>(type: "bytea", nullable: false),
                    new_address_cipher = table.Column<byte[]>(type: "bytea", nullable: false),
                    phone_cipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    key_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name_masked = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    new_address_masked = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    moved_on = table.Column<DateOnly>(type: "date", nullable: false),
                    channel_api_key_id = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_address_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "package_definitions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name_ko = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description_ko = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    description_en = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_package_definitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "address_change_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    address_change_id = table.Column<long>(type: "bigint", nullable: false),
                    recipient_id = table.Column<int>(type: "integer", nullable: false),
                    outbox_message_id = table.Column<long>(type: "bigint", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_address_change_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_address_change_deliveries_address_change_recipients_recipie",
                        column: x => x.recipient_id,
                        principalTable: "address_change_recipients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_address_change_deliveries_address_changes_address_change_id",
                        column: x => x.address_change_id,
                        principalTable: "address_changes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_address_change_deliveries_outbox_messages_outbox_message_id",
                        column: x => x.outbox_message_id,
                        principalTable: "outbox_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "package_definition_affair",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    package_definition_id = table.Column<int>(type: "integer", nullable: false),
                    affair_code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_package_definition_affair", x => x.id);
                    table.ForeignKey(
                        name: "fk_package_definition_affair_package_definitions_package_defin",
                        column: x => x.package_definition_id,
                        principalTable: "package_definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petition_packages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    receipt_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    package_definition_id = table.Column<int>(type: "integer", nullable: false),
                    petitioner_name_masked = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    lookup_code_cipher = table.Column<byte[]>(type: "bytea", nullable: false),
                    channel_api_key_id = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_petition_packages", x => x.id);
                    table.ForeignKey(
                        name: "fk_petition_packages_package_definitions_package_definition_id",
                        column: x => x.package_definition_id,
                        principalTable: "package_definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "petition_package_members",
                columns: table => new
                {
                    package_id = table.Column<long>(type: "bigint", nullable: false),
                    petition_id = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_petition_package_members", x => new { x.package_id, x.petition_id });
                    table.ForeignKey(
                        name: "fk_petition_package_members_petition_packages_package_id",
                        column: x => x.package_id,
                        principalTable: "petition_packages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_petition_package_members_petitions_petition_id",
                        column: x => x.petition_id,
                        principalTable: "petitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_address_change_deliveries_address_change_id_recipient_id",
                table: "address_change_deliveries",
                columns: new[] { "address_change_id", "recipient_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_address_change_deliveries_outbox_message_id",
                table: "address_change_deliveries",
                column: "outbox_message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_address_change_deliveries_recipient_id",
                table: "address_change_deliveries",
                column: "recipient_id");

            migrationBuilder.CreateIndex(
                name: "ix_address_change_recipients_code",
                table: "address_change_recipients",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_address_changes_receipt_number",
                table: "address_changes",
                column: "receipt_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_package_definition_affair_package_definition_id_affair_code",
                table: "package_definition_affair",
                columns: new[] { "package_definition_id", "affair_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_package_definitions_code",
                table: "package_definitions",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_petition_package_members_petition_id",
                table: "petition_package_members",
                column: "petition_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_petition_packages_package_definition_id",
                table: "petition_packages",
                column: "package_definition_id");

            migrationBuilder.CreateIndex(
                name: "ix_petition_packages_receipt_number",
                table: "petition_packages",
                column: "receipt_number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "address_change_deliveries");

            migrationBuilder.DropTable(
                name: "package_definition_affair");

            migrationBuilder.DropTable(
                name: "petition_package_members");

            migrationBuilder.DropTable(
                name: "address_change_recipients");

            migrationBuilder.DropTable(
                name: "address_changes");

            migrationBuilder.DropTable(
                name: "petition_packages");

            migrationBuilder.DropTable(
                name: "package_definitions");

            migrationBuilder.DropSequence(
                name: "address_change_receipt_numbers");

            migrationBuilder.DropSequence(
                name: "package_receipt_numbers");
        }
    }
}
