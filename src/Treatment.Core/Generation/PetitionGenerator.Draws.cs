using Treatment.Core.Affairs;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;
using static Treatment.Core.Workflows.TransitionPicks;

namespace Treatment.Core.Generation;

public sealed partial class PetitionGenerator
{
    /// <summary>Random draws of a play: arrival instants, channels, kinds, agencies, office hours.</summary>
    private sealed partial class Play
    {
        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

        private DateTimeOffset ArrivalInstant()
        {
            var year = options.Year;
            DateOnly date;
            do
            {
                date = new DateOnly(year, 1, 1).AddDays(random.Next(DateTime.IsLeapYear(year) ? 366 : 365));
            }
            while (random.NextDouble() * 1.25 > WeekdayWeights[(int)date.DayOfWeek] * (g._calendar.IsHoliday(date) && date.DayOfWeek != DayOfWeek.Sunday ? 0.2 : 1));

            var hour = PickIndex(OnlineHourWeights);
            return new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, random.Next(60), random.Next(60))), Kst);
        }

        private Channel PickChannel(DateTimeOffset arrived)
        {
            // Online share from 52 % in January to 64 % in December; outside office time only online channels are open.
            var onlineShare = 0.52 + 0.12 * (arrived.ToOffset(Kst).DayOfYear / 366.0);
            if (!IsOfficeTime(arrived) || random.NextDouble() < onlineShare)
            {
                return random.NextDouble() < 0.8 ? Channel.OnlinePortal : Channel.EWindow;
            }

            return OfflineMix[Pick(OfflineCumulative)].Channel;
        }

        private PetitionKind PickKind()
        {
            var x = random.NextDouble();
            foreach (var (kind, weight) in KindMix)
            {
                if ((x -= weight) < 0)
                {
                    return kind;
                }
            }

            return PetitionKind.Legal;
        }

        private GenerationAgency OtherAgency(int agencyId)
        {
            if (catalogue.Agencies.Count == 1)
            {
                return catalogue.Agencies[0];
            }

            GenerationAgency other;
            do
            {
                other = catalogue.Agencies[Pick(_agencyCumulative)];
            }
            while (other.Id == agencyId);
            return other;
        }

        private bool IsOfficeTime(DateTimeOffset instant)
        {
            var local = instant.ToOffset(Kst);
            return g._calendar.IsWorkingDay(DateOnly.FromDateTime(local.DateTime)) && local.Hour >= 9 && local.Hour < 18;
        }

        private DateTimeOffset OfficeInstant(DateOnly date, Random r)
        {
            var day = g._calendar.IsWorkingDay(date) ? date : NextWorkingDay(date);
            var hour = PickIndex(OfficeHourWeights);
            return new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, r.Next(60))), Kst);
        }

        private DateOnly NextWorkingDay(DateOnly date) => g._calendar.WorkingDayAt(g._calendar.WorkingDaysBefore(date.AddDays(1)));

        private DateOnly PreviousWorkingDay(DateOnly date) => g._calendar.WorkingDayAt(Math.Max(0, g._calendar.WorkingDaysBefore(date) - 1));

        private DateOnly AddWorkingDays(DateOnly date, int n) => g._calendar.WorkingDayAt(g._calendar.WorkingDaysBefore(date.AddDays(1)) + n - 1);

        private int PickIndex(double[] weights)
        {
            var x = random.NextDouble() * weights.Sum();
            for (var i = 0; i < weights.Length; i++)
            {
                if ((x -= weights[i]) < 0)
                {
                    return i;
                }
            }

            return weights.Length - 1;
        }

        private int Pick(double[] cumulative)
        {
            var i = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
            return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
        }

        private static double[] Cumulative(IEnumerable<double> weights)
        {
            var list = new List<double>();
            var sum = 0.0;
            foreach (var w in weights)
            {
                sum += w;
                list.Add(sum);
            }

            return list.ToArray();
        }

        private static bool IsOnline(Channel channel) => channel is Channel.OnlinePortal or Channel.EWindow;

        private static DateOnly DateOf(DateTimeOffset instant) => RollupWriter.DateOf(instant);
    }
}
