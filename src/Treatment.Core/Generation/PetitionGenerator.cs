using Treatment.Core.Affairs;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;
using static Treatment.Core.Workflows.TransitionPicks;

namespace Treatment.Core.Generation;

/// <summary>
/// Generates realistic petitions in memory: arrivals by weekday and hour, kind and channel mixes, treatment times,
/// supplementation, extensions, refusals, objections, transfers and some overdue cases. Every step is fired through
/// the petition's workflow definition (<see cref="PetitionMachine.Fire"/>) and every due comes from the clock, so the
/// data obeys the same rules as real data; a refused step is a bug and throws.
/// </summary>
public sealed partial class PetitionGenerator
{
    private static readonly TimeSpan Kst = DeadlineCalculator.KstOffset;

    private static readonly (PetitionKind Kind, double Weight)[] KindMix =
    [
        (PetitionKind.Legal, 0.58), (PetitionKind.Inquisitive, 0.14), (PetitionKind.Other, 0.12),
        (PetitionKind.Grievance, 0.10), (PetitionKind.Recommendatory, 0.06),
    ];

    /// <summary>The kinds the generator models (prior examinations are not generated, decision 019).</summary>
    public static IReadOnlyList<PetitionKind> GeneratedKinds { get; } = KindMix.Select(k => k.Kind).ToList();

    // Share of petitions arriving online (portal or e-window) rises through the year, giving the channel trend a slope.
    private static readonly (Channel Channel, double Weight)[] OfflineMix = [(Channel.Visit, 0.55), (Channel.Mail, 0.12), (Channel.Fax, 0.05), (Channel.Phone, 0.18), (Channel.Kiosk, 0.10)];

    // Relative arrivals by weekday (Sunday first) and by hour of day, offline and online.
    private static readonly double[] WeekdayWeights = [0.15, 1.25, 1.1, 1.05, 1.0, 0.95, 0.25];
    private static readonly double[] OfficeHourWeights = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1.2, 1.5, 1.4, 0.6, 1.1, 1.4, 1.3, 1.1, 0.8, 0, 0, 0, 0, 0, 0];
    private static readonly double[] OnlineHourWeights = [0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 1, 1.4, 1.5, 1.4, 1, 1.3, 1.4, 1.3, 1.2, 1.1, 1, 1, 1.1, 1, 0.8, 0.5];

    private static readonly string[] ExtensionReasons =
    [
        "관계 기관 협의 필요 (Consultation with another agency)",
        "현장 확인 필요 (Site inspection needed)",
        "법령 해석 검토 (Statutory interpretation under review)",
        "민원 폭주 (Unusual volume of petitions)",
    ];

    private static readonly string[] Surnames = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권"];
    private static readonly string[] GivenSyllables = ["민", "서", "준", "지", "현", "우", "예", "도", "하", "윤", "수", "영", "진", "은", "호", "연"];

    private static readonly Dictionary<PetitionKind, string[]> Titles = new()
    {
        [PetitionKind.Inquisitive] = ["건축법 적용 여부 질의", "주차장 설치 기준 문의", "보조금 신청 절차 문의", "세금 감면 요건 질의"],
        [PetitionKind.Recommendatory] = ["버스 노선 신설 건의", "공원 시설 개선 건의", "보행로 확장 건의"],
        [PetitionKind.Grievance] = ["불법 주정차 단속 요청", "소음 피해 해결 요청", "도로 파손 보수 요청", "악취 민원"],
        [PetitionKind.Other] = ["민원실 운영 시간 문의", "서식 위치 안내 요청", "담당 부서 문의"],
    };

    private readonly WorkflowCatalog _catalog;
    private readonly IDeadlineCalculator _clock;
    private readonly RollupWriter _rollups;
    private readonly PetitionChange _change;
    private readonly IHolidayCalendar _calendar;
    private readonly Dictionary<PetitionKind, PetitionMachine> _machines;

    public PetitionGenerator(WorkflowCatalog catalog, IDeadlineCalculator clock)
    {
        _catalog = catalog;
        _clock = clock;
        _calendar = clock.Calendar;
        _rollups = new RollupWriter(clock.Calendar, catalog);
        _change = new PetitionChange(clock, planner: null);
        _machines = Enum.GetValues<PetitionKind>().ToDictionary(k => k, k => new PetitionMachine(catalog.Latest(WorkflowIdOf(k))));
    }

    public static string WorkflowIdOf(PetitionKind kind) => kind switch
    {
        PetitionKind.Legal => "legal",
        PetitionKind.Inquisitive => "inquisitive",
        PetitionKind.Recommendatory => "recommendatory",
        PetitionKind.Grievance => "grievance",
        PetitionKind.PriorExamination => "prior-examination",
        _ => "other",
    };

    /// <summary>Generates chunk <paramref name="chunkIndex"/> of <paramref name="count"/> petitions; the same inputs give the same chunk.</summary>
    public GeneratedChunk GenerateChunk(GenerationOptions options, GenerationCatalogue catalogue, int chunkIndex, int count)
    {
        // A fixed formula, not HashCode (randomised per process), so that a seed gives the same data on every run.
        var random = new Random(unchecked((options.Seed * 1_000_003) + (chunkIndex * 7_919) + 17));
        var play = new Play(this, options, catalogue, random);
        var petitions = new List<GeneratedPetition>(count);
        var facts = new List<PetitionRollup>(count * 4);
        while (petitions.Count < count)
        {
            var generated = play.One(petitions.Count, facts, transferredFrom: null);
            petitions.Add(generated);
            if (generated.TransferredOut(_catalog) && petitions.Count < count)
            {
                // The receiving agency registers the transferred petition as a new one (Act §16, transferred in).
                petitions.Add(play.One(petitions.Count, facts, transferredFrom: (petitions.Count - 1, generated.Petition)));
            }
        }

        return new GeneratedChunk(chunkIndex, petitions, facts);
    }

    /// <summary>Facts of the play that are not petition columns but that guards read.</summary>
    private sealed class PlayFacts
    {
        public bool SupplementLapsed { get; set; }

        public int Undelivered { get; set; }

        public bool Repeated { get; set; }

        public bool ImmediateIssuance { get; set; }

        public DateOnly? RefusalReceivedOn { get; set; }

        public DateOnly? ObjectionDeadline { get; set; }

        public int ObjectionExtensions { get; set; }
    }
}