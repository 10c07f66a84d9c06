using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;
using static Treatment.Core.Workflows.TransitionPicks;

namespace Treatment.Core.Persistence.Seeding;

/// <summary>
/// Demo petitions registered through <see cref="PetitionService"/> (so they carry real receipt numbers, dues, audit
/// events and notices): every kind and channel, received over the last six weeks so that some are overdue, and moved
/// through typical transitions (routing, supplementation, extension, decisions). Deterministic for a given start instant.
/// </summary>
public static class DemoPetitions
{
    private static readonly string[] Agencies = ["SEOUL-JONGNO", "SEOUL-JONGNO", "SEOUL-MAPO", "SEOUL-MAPO", "SEOUL", "SEOUL-JONGNO-CHEONGUN"];

    private static readonly string[] LegalAffairs =
        ["BLD-USE-APPROVAL", "BLD-LEDGER-CHANGE", "SIGN-DISPLAY-PERMIT", "ROAD-OCCUPANCY-PERMIT", "FARM-ACQ-CERT", "PASSPORT-ISSUE", "REALTOR-OFFICE-REG", "RES-IDCARD-REISSUE", "BLD-LEDGER-ISSUE"];

    private static readonly (string Title, string Body)[] Topics =
    [
        ("골목길 가로등 고장", "집 앞 골목 가로등이 일주일째 꺼져 있어 밤길이 위험합니다."),
        ("불법 주정차 단속 요청", "어린이보호구역에 상습 불법 주정차 차량이 있습니다."),
        ("공원 놀이터 시설 보수", "놀이터 미끄럼틀 난간이 부서져 있습니다."),
        ("도로 포트홀 신고", "버스정류장 앞 도로에 큰 구멍이 생겼습니다."),
        ("소음 민원", "야간 공사 소음으로 잠을 잘 수 없습니다."),
        ("쓰레기 무단투기", "전봇대 아래 쓰레기가 계속 쌓입니다."),
        ("건축 절차 문의", "단독주택 증축 시 필요한 서류가 궁금합니다."),
        ("지방세 감면 요건 질의", "장애인 차량 취득세 감면 요건을 알고 싶습니다."),
        ("버스 노선 신설 건의", "신축 아파트 단지에 마을버스 노선을 건의합니다."),
        ("보도블록 파손", "횡단보도 앞 보도블록이 들떠 있습니다."),
        ("민원 처리 지연에 대한 고충", "지난달 신청한 건의 처리 결과를 받지 못했습니다."),
        ("도서관 운영시간 연장 건의", "주말 운영시간을 늘려 주시기 바랍니다."),
    ];

    private static readonly string[] Names = ["홍길동", "김영희", "이철수", "박민수", "최지우", "정하늘", "강바다", "조은별", "윤서준", "장미란"];

    public static async Task SeedAsync(TreatmentDbContext db, PetitionIntake intake, PetitionService service, TimeProvider time, int count, CancellationToken ct, Assignment.AssignmentService? assignments = null)
    {
        var random = new Random(20_251_127);
        var now = time.GetUtcNow();
        var officials = await OfficialsAsync(db, ct);
        var staff = await StaffAsync(db, ct);
        await DemoAssignments.DistributeAutomaticallyAsync(db, ct);
        var needResidentNumber = (await db.Affairs.Where(a => a.RequiresResidentNumber).Select(a => a.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var channel = new Actor(null, "데모 통합민원포털 (demo online portal)", new HashSet<string> { PetitionScope.ChannelRole }, null, null);
        for (var i = 0; i < count; i++)
        {
            if (i == count * 2 / 3)
            {
                await DemoAssignments.DistributeByHandAsync(db, ct);
            }

            var kind = (PetitionKind)(i % 5);
            var agency = Agencies[random.Next(Agencies.Length)];
            var topic = Topics[random.Next(Topics.Length)];
            var affair = kind == PetitionKind.Legal ? LegalAffairs[random.Next(LegalAffairs.Length)] : null;
            var petitionChannel = (Channel)random.Next(Enum.GetValues<Channel>().Length);
            var request = new IntakeRequest
            {
                Kind = kind,
                SubKind = kind == PetitionKind.Inquisitive ? (random.Next(2) == 0 ? "statute" : "procedure") : null,
                AffairCode = affair,
                AgencyCode = agency,
                Channel = petitionChannel,
                Title = kind == PetitionKind.Legal ? $"{topic.Title} 관련 신청" : topic.Title,
                Body = topic.Body,
                Petitioner = new PetitionerDetails(
                    Names[random.Next(Names.Length)],
                    $"010-{random.Next(1000, 9999)}-{random.Next(1000, 9999)}",
                    null,
                    "서울특별시",
                    affair is not null && needResidentNumber.Contains(affair) ? $"{random.Next(70, 99)}0101-{random.Next(1, 3)}{random.Next(100000, 999999)}" : null),
                // Weighted to recent weeks; the older ones are overdue unless decided.
                ReceivedAt = now - TimeSpan.FromMinutes(random.Next(0, random.Next(2) == 0 ? 7 * 24 * 60 : 42 * 24 * 60)),
            };
            var received = await intake.ReceiveAsync(request, channel, null, ct);
            if (received.Error is { } error)
            {
                throw new InvalidOperationException($"demo petition {i} ({kind}, {affair}, {agency}) refused: {error.Code} {error.Message.En} {string.Join("; ", error.Fields?.Select(f => f.Key + ": " + string.Join(" ", f.Value)) ?? [])}");
            }

            if (received.Value?.Petition is not { IsOpen: true } petition || !officials.TryGetValue(petition.AgencyId, out var agencyStaff))
            {
                continue;
            }

            petition = await DemoAssignments.HandOverMisroutedAsync(db, assignments, petition, staff, ct);
            // The assignee works the petition when there is one; otherwise the agency's first official, as before.
            var worker = staff.FirstOrDefault(s => s.UserId == petition.AssigneeId) ?? agencyStaff.Official;
            await MoveAsync(service, petition, (worker, agencyStaff.Supervisor), random.Next(10), ct);
            if (i % 50 == 49)
            {
                db.ChangeTracker.Clear();
            }
        }

        await DemoAssignments.SettleAsync(db, ct);

        // Overdue flags as the sweep would set them for petitions received long ago.
        await db.Petitions.Where(p => p.IsOpen && p.DueAt < now && !p.Overdue)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Overdue, true), ct);
    }

    /// <summary>Typical progress: about a third stay received, the rest are routed, some supplemented or extended, some decided.</summary>
    private static async Task MoveAsync(PetitionService service, Petition petition, (Actor Official, Actor? Supervisor) staff, int roll, CancellationToken ct)
    {
        if (roll < 3)
        {
            return;
        }

        // Steps are chosen by what the definition says a transition does, never by its trigger's name.
        var definition = service.DefinitionOf(petition);
        var decision = new TriggerInputs { DecisionText = "요청하신 사항을 처리하였습니다.", Reason = "관계 법령 검토 결과", Remedies = "이의신청, 행정심판" };
        if (definition.Pick(petition.State, Answering(definition, onTheSpot: false)) is { } answer)
        {
            await service.FireAsync(petition.Id, answer.Trigger, decision, staff.Official, null, ct);
            return;
        }

        if (definition.Pick(petition.State, Advance) is not { To: { } reviewing } route
            || !(await service.FireAsync(petition.Id, route.Trigger, TriggerInputs.Empty, staff.Official, null, ct)).IsSuccess)
        {
            return;
        }

        switch (roll)
        {
            case 4 when definition.Pick(reviewing, t => t.Has<SetsSupplementDue>() || t.Has<SetsCivilSupplementDue>()) is { } requestSupplement:
                await service.FireAsync(petition.Id, requestSupplement.Trigger, new TriggerInputs { Reason = "구비서류 중 위임장이 빠졌습니다.", SupplementDueDate = PetitionClock.KoreanDate(petition.ReceivedAt).AddDays(10), SupplementDays = 10 }, staff.Official, null, ct);
                break;
            case 5 when definition.Pick(reviewing, With<CountsAsExtension>()) is { } extend:
                await service.FireAsync(petition.Id, extend.Trigger, new TriggerInputs { Reason = "현장 확인이 필요합니다.", ExtensionDays = 2 }, staff.Supervisor ?? staff.Official, null, ct);
                break;
            case >= 7 when definition.Pick(reviewing, Deciding(DecisionOutcome.Granted, DecisionOutcome.Answered)) is { } close:
                // A decision that does not end the petition is followed by its result notice (Act §27).
                if ((await service.FireAsync(petition.Id, close.Trigger, decision, staff.Official, null, ct)).IsSuccess
                    && close.To is { } decided && definition.Pick(decided, SendsResultNotice(definition)) is { } notify)
                {
                    await service.FireAsync(petition.Id, notify.Trigger, TriggerInputs.Empty, staff.Official, null, ct);
                }

                break;
        }
    }

    private static async Task<List<Actor>> StaffAsync(TreatmentDbContext db, CancellationToken ct) =>
        (await (from user in db.Users
                join userRole in db.UserRoles on user.Id equals userRole.UserId
                join role in db.Roles on userRole.RoleId equals role.Id
                where user.IsActive
                select new { user.Id, user.DisplayName, user.AgencyId, user.DepartmentId, Role = role.Name! })
            .ToListAsync(ct))
        .GroupBy(r => r.Id)
        .Select(g => new Actor(g.Key, g.First().DisplayName, g.Select(r => r.Role).ToHashSet(), g.First().AgencyId, g.First().DepartmentId))
        .ToList();

    private static async Task<Dictionary<int, (Actor Official, Actor? Supervisor)>> OfficialsAsync(TreatmentDbContext db, CancellationToken ct)
    {
        var rows = await (from user in db.Users
                          join userRole in db.UserRoles on user.Id equals userRole.UserId
                          join role in db.Roles on userRole.RoleId equals role.Id
                          where user.IsActive
                          orderby user.UserName
                          select new { user.Id, user.DisplayName, user.AgencyId, user.DepartmentId, Role = role.Name! })
            .ToListAsync(ct);
        var result = new Dictionary<int, (Actor, Actor?)>();
        foreach (var agency in rows.GroupBy(r => r.AgencyId))
        {
            Actor? Make(string role) => agency.Where(r => r.Role == role)
                .Select(r => new Actor(r.Id, r.DisplayName, new HashSet<string> { r.Role }, r.AgencyId, r.DepartmentId))
                .FirstOrDefault();
            if (Make(Roles.Official) is { } official)
            {
                result[agency.Key] = (official, Make(Roles.Supervisor));
            }
        }

        return result;
    }
}
