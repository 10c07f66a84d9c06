namespace Treatment.Core.Workflows.Effects;

/// <summary>
/// The decision issues the affair's document (the treatment standards name its template: 주민등록표 등·초본,
/// 건축물대장, 토지대장), signed with the issuing agency's key; an affair without a template issues none (Act §19①, §27).
/// </summary>
public sealed class IssuesDocument : TriggerEffect
{
    public override string Name => "issues-document";

    public override LocalizedText Description { get; } = new(
        "민원처리기준표가 문서 서식을 정한 사무이면 그 문서를 발급하고 기관의 키로 전자서명합니다.",
        "Issues the document the treatment standards name for the affair, signed with the agency's key.");
}
