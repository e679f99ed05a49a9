using System.Text;
using Pbr.Engine.Import;
using Pbr.TestKit;
using static Pbr.Engine.Tests.Import.Catalogs;

namespace Pbr.Engine.Tests.Fuzzing;

/// <summary>The valid files the reader campaigns mutate: hand-written ones covering every column type, and slices of the samples.</summary>
internal static class ReaderSeeds
{
    /// <summary>The sample contracts and a contract of the scheme with every attribute type, so that numbers, dates and text all get fuzzed.</summary>
    public static ImportCatalog Catalog { get; } = new([Alpha, Beta, North, TypedContract], [WorkProgramme, Reoffending, Typed]);

    public static IReadOnlyList<byte[]> Participants { get; } =
    [
        Utf8("participant_id,contract_id,start_date,payment_group\r\n"
            + "P1,WP-CPA1-ALPHA,2011-06-01,JSA 25+\r\n"
            + "\"P2\",WP-CPA2-BETA,2012-04-01,\"JSA 18-24\"\r\n"
            + "R1,RO-PILOT-NORTH,2012-01-15,\r\n"),
        Utf8("participant_id,contract_id,start_date,age,income,share,veteran,referred_on,note\n"
            + "T1,TYPED-1,2020-01-01,42,1200.00,0.55,true,2019-12-01,\"a note, with a comma\"\n"
            + "T2,TYPED-1,2020-06-30,-3,0.01,1,false,2020-06-01,\"said \"\"hello\"\"\"\n"),
        Head(RepositoryFiles.Sample("work-programme", "participants.csv"), 40),
        Head(RepositoryFiles.Sample("reoffending", "participants.csv"), 40),
    ];

    public static IReadOnlyList<byte[]> Evidence { get; } =
    [
        Utf8("evidence_id,participant_id,contract_id,kind,start_date,end_date,status,recorded_on\n"
            + "E1,P1,WP-CPA1-ALPHA,employment,2011-06-01,2011-08-30,verified,2011-09-05\n"
            + "E1,P1,WP-CPA1-ALPHA,employment,2011-06-01,2011-08-30,revoked,2012-01-15\n"
            + "X1,R1,RO-PILOT-NORTH,proven_reoffence,2012-06-01,,verified,2012-08-01\n"),
        Utf8("evidence_id,participant_id,contract_id,kind,start_date,end_date,status,recorded_on,site\r\n"
            + "V1,T1,TYPED-1,visit,2020-02-01,,verified,2020-02-02,\"Leeds, North\"\r\n"
            + "E2,P2,WP-CPA1-ALPHA,employment,2011-07-01,,pending,2011-07-02,\r\n"),
    ];

    public static IReadOnlyList<byte[]> Claims { get; } =
    [
        Utf8("participant_id,outcome,instalment,amount,claimed_on\r\n"
            + "P1,job_outcome,1,\"1,200.00\",2012-01-05\r\n"
            + "P1,sustainment,1,170.00,2012-01-05\r\n"
            + "P2,attachment,1,400.00,2011-07-01\r\n"),
        Utf8("amount,claimed_on,instalment,outcome,participant_id\n"
            + "0.01,2013-03-31,13,sustainment,A000001\n"
            + "-170.00,2013-04-30,2,sustainment,A000002\n"),
    ];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Head(string path, int lines) =>
        Utf8(string.Concat(File.ReadLines(path).Take(lines).Select(l => l + "\n")));
}
