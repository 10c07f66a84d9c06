using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treatment.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ChannelKeyExpiryAndClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "allowed_channels",
                table: "channel_api_keys",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "expires_at",
                table: "channel_api_keys",
                type: "timestamp with time zone",
                nullable: true);

            // Keys issued before may claim their own channel, as they did.
            migrationBuilder.Sql("update channel_api_keys set allowed_channels = channel");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "allowed_channels",
                table: "channel_api_keys");

            migrationBuilder.DropColumn(
                name: "expires_at",
                table: "channel_api_keys");
        }
    }
}
