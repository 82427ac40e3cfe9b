using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LabelOps.Emulator;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Reliability
{
    /// <summary>
    /// Bad input across the cmdlets of both services. Each case runs a pipeline in which a bad item comes first and
    /// a good one follows, and checks: one clear error naming the problem; the bad item sent nothing (or, for IDs
    /// with URL characters, was sent escaped as one path segment); the good item still went through.
    /// </summary>
    public sealed class BadInputMatrixTests : IDisposable
    {
        private const string Connect =
            "Connect-Hitl -ApiKey $ApiKey -BaseUri $BaseUri -RetryInterval 0.01 -MaximumRetryCount 3\n" +
            "Connect-Ango -ApiKey $ApiKey -BaseUri $AngoUri -RetryInterval 0.01 -MaximumRetryCount 3\n";

        private readonly EmulatorAccount _account;
        private readonly HostedPowerShell _shell;
        private readonly string _directory;
        private readonly Dictionary<string, string> _ids;

        public BadInputMatrixTests()
        {
            var emulator = SharedEmulator.Server;
            _account = emulator.CreateAccount();
            var projectId = _account.Hitl.AddProject("Bad input", "active");
            var angoProject = _account.Ango.AddProject("Bad input");
            _ids = new Dictionary<string, string>
            {
                ["{P}"] = projectId,
                ["{J}"] = _account.Hitl.AddJob(projectId).JobId,
                ["{K}"] = _account.Hitl.AddJob(projectId).JobId,
                ["{D}"] = DoneJob(projectId),
                ["{AP}"] = angoProject,
                ["{AT}"] = _account.Ango.AddAsset(angoProject, "a.jpg").TaskId,
            };
            _directory = Directory.CreateTempSubdirectory("labelops-bad-input-").FullName;
            File.WriteAllBytes(Path.Combine(_directory, "good.jpg"), new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 });
            File.WriteAllBytes(Path.Combine(_directory, "locked.jpg"), new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 });
            File.WriteAllText(Path.Combine(_directory, "good.pdf"), "%PDF-1.4 instructions");
            File.WriteAllText(Path.Combine(_directory, "tool.exe"), "MZ");
            File.WriteAllText(Path.Combine(_directory, "labels.json"), "this is not JSON");
            File.WriteAllText(Path.Combine(_directory, "good.json"), "[{\"externalId\":\"a.jpg\",\"objects\":[]}]");

            _shell = new HostedPowerShell();
            _shell.SetVariable("ApiKey", HitlTest.SecureText(_account.ApiKey));
            _shell.SetVariable("BaseUri", emulator.BaseUri);
            _shell.SetVariable("AngoUri", new Uri(emulator.BaseUri, "v2/"));
            _shell.SetVariable("Dir", _directory);
            foreach (var pair in _ids) _shell.SetVariable(pair.Key.Trim('{', '}'), pair.Value);
        }

        /// <param name="Script">Bad item first, then a good one.</param>
        /// <param name="ErrorId">What the one ErrorRecord's FullyQualifiedErrorId starts with.</param>
        /// <param name="Names">Text the error message must contain: the parameter, value or problem.</param>
        /// <param name="Good">Objects the good item writes.</param>
        /// <param name="Sent">Every request the emulator must have received, in order, as "METHOD path".</param>
        /// <param name="Faults">Faults arranged for the bad item's reply (method, path, fault, times).</param>
        public sealed record Case(string Script, string ErrorId, string Names, int Good, string[] Sent, (string Method, string Path, Fault Fault, int Times)[]? Faults = null);

        private const string InvalidArgument = "LabelOps.InvalidArgument";
        private const string Validation = "ParameterArgumentValidationError";
        private const string GetJob = "GET /v1/jobs/{P}/{J}";
        private const string GetAngoProject = "GET /v2/project/{AP}";
        private static readonly string GoodJob = "https://files.example.test/good.png";
        private static readonly Fault NotJson = new Fault { Body = "OK", ContentType = "text/plain" };

        private static readonly Dictionary<string, Case> Cases = new Dictionary<string, Case>
        {
            // HITL: IDs
            ["Get-HitlJob empty JobId"] = new Case("'', $J | ForEach-Object { Get-HitlJob -ProjectId $P -JobId $_ }", Validation, "'JobId'", 1, new[] { GetJob }),
            ["Get-HitlJob whitespace JobId"] = new Case("'   ', $J | ForEach-Object { Get-HitlJob -ProjectId $P -JobId $_ }", InvalidArgument, "JobId is empty", 1, new[] { GetJob }),
            ["Get-HitlJob overlong JobId"] = new Case("('j' * 300), $J | ForEach-Object { Get-HitlJob -ProjectId $P -JobId $_ }", InvalidArgument, "JobId is 300 characters long", 1, new[] { GetJob }),
            ["Get-HitlJob JobId '..'"] = new Case("'..', $J | ForEach-Object { Get-HitlJob -ProjectId $P -JobId $_ }", InvalidArgument, "JobId '..'", 1, new[] { GetJob }),
            ["Get-HitlJob JobId with '/' is one escaped segment"] = new Case("'a/b', $J | ForEach-Object { Get-HitlJob -ProjectId $P -JobId $_ }", "LabelOps.NotFound", "a%2Fb", 1, new[] { "GET /v1/jobs/{P}/a%2Fb", GetJob }),
            ["Get-HitlJob JobId with '?' is one escaped segment"] = new Case("'a?b=1', $J | ForEach-Object { Get-HitlJob -ProjectId $P -JobId $_ }", "LabelOps.NotFound", "a%3Fb%3D1", 1, new[] { "GET /v1/jobs/{P}/a?b=1", GetJob }),
            ["Get-HitlJob JobId with '#' is one escaped segment"] = new Case("'a#b', $J | ForEach-Object { Get-HitlJob -ProjectId $P -JobId $_ }", "LabelOps.NotFound", "a%23b", 1, new[] { "GET /v1/jobs/{P}/a#b", GetJob }),
            ["Get-HitlProject ProjectId '../jobs' cannot climb the path"] = new Case("'../jobs', $P | ForEach-Object { Get-HitlProject -ProjectId $_ }", "LabelOps.NotFound", "..%2Fjobs", 1, new[] { "GET /v1/projects/..%2Fjobs", "GET /v1/projects/{P}" }),
            ["Get-HitlProject empty ProjectId from the pipeline"] = new Case("[pscustomobject]@{ ProjectId = '' }, [pscustomobject]@{ ProjectId = $P } | Get-HitlProject", "ParameterArgumentValidationError", "ProjectId", 1, new[] { "GET /v1/projects/{P}" }),
            ["Stop-HitlJob JobId '..'"] = new Case("'..', $K | ForEach-Object { Stop-HitlJob -ProjectId $P -JobId $_ -Confirm:$false -PassThru }", InvalidArgument, "JobId '..'", 1, new[] { "DELETE /v1/jobs/{P}/{K}" }),
            ["Get-HitlJob JobId with a control character"] = new Case("\"a`tb\", $J | ForEach-Object { Get-HitlJob -ProjectId $P -JobId $_ }", InvalidArgument, "control character", 1, new[] { GetJob }),

            // HITL: URLs, numbers, enums, arrays
            ["New-HitlJob relative FileUrl"] = new Case("'images/a.png', $Good | ForEach-Object { New-HitlJob -ProjectId $P -FileUrl $_ }", InvalidArgument, "images/a.png", 1, new[] { "POST /v1/jobs" }),
            ["New-HitlJob ftp FileUrl"] = new Case("'ftp://files.example.test/a.png', $Good | ForEach-Object { New-HitlJob -ProjectId $P -FileUrl $_ }", InvalidArgument, "ftp://files.example.test/a.png", 1, new[] { "POST /v1/jobs" }),
            ["New-HitlJob file FileUrl"] = new Case("'file:///etc/a.png', $Good | ForEach-Object { New-HitlJob -ProjectId $P -FileUrl $_ }", InvalidArgument, "FileUrl", 1, new[] { "POST /v1/jobs" }),
            ["New-HitlJob FileUrl with a wrong extension"] = new Case("'https://files.example.test/a.exe', $Good | ForEach-Object { New-HitlJob -ProjectId $P -FileUrl $_ }", InvalidArgument, "a.exe", 1, new[] { "POST /v1/jobs" }),
            ["New-HitlJob relative WebhookUrl"] = new Case("'/hooks/x', 'https://hooks.example.test/x' | ForEach-Object { New-HitlJob -ProjectId $P -FileUrl $Good -WebhookUrl $_ }", InvalidArgument, "WebhookUrl", 1, new[] { "POST /v1/jobs" }),
            ["New-HitlProject ftp InstructionsFileUrl"] = new Case("'ftp://files.example.test/a.pdf', 'https://files.example.test/a.pdf' | ForEach-Object { New-HitlProject -Name Bad -InstructionsFileUrl $_ }", InvalidArgument, "InstructionsFileUrl", 1, new[] { "POST /v1/projects" }),
            ["New-HitlJob ExpirationMinutes 0"] = new Case("0, 60 | ForEach-Object { New-HitlJob -ProjectId $P -FileUrl $Good -ExpirationMinutes $_ }", InvalidArgument, "ExpirationMinutes must be between 1 and 1440", 1, new[] { "POST /v1/jobs" }),
            ["New-HitlJob ExpirationMinutes too large"] = new Case("100000, 60 | ForEach-Object { New-HitlJob -ProjectId $P -FileUrl $Good -ExpirationMinutes $_ }", InvalidArgument, "it was 100000", 1, new[] { "POST /v1/jobs" }),
            ["New-HitlJob ThrottleLimit 0"] = new Case("0, 8 | ForEach-Object { New-HitlJob -ProjectId $P -FileUrl $Good -ThrottleLimit $_ }", Validation, "ThrottleLimit", 1, new[] { "POST /v1/jobs" }),
            ["New-HitlJob empty FileUrl array"] = new Case("@(@(), @($Good)) | ForEach-Object { New-HitlJob -ProjectId $P -FileUrl $_ }", "ParameterArgumentValidationErrorEmptyArrayNotAllowed", "FileUrl", 1, new[] { "POST /v1/jobs" }),
            ["New-HitlJob huge FileUrl array with one bad URL"] = new Case("$many = @(1..5000 | ForEach-Object { \"https://files.example.test/$_.png\" }) + 'relative.png'\n@(, $many) + @(, @($Good)) | ForEach-Object { New-HitlJob -ProjectId $P -FileUrl $_ }", InvalidArgument, "relative.png", 1, new[] { "POST /v1/jobs" }),
            ["Get-HitlJob unknown Status"] = new Case("'finished', 'new' | ForEach-Object { Get-HitlJob -ProjectId $P -Status $_ }", Validation, "finished", 2, new[] { "GET /v1/jobs/{P}" }),
            ["Get-HitlMetric unknown GroupBy"] = new Case("'Fortnight', 'Week' | ForEach-Object { Get-HitlMetric -GroupBy $_ }", Validation, "Fortnight", 1, new[] { "GET /v1/metrics" }),
            ["Wait-HitlJob negative PollInterval"] = new Case("-5, 1 | ForEach-Object { Wait-HitlJob -ProjectId $P -JobId $D -PollInterval $_ -Timeout 60 }", InvalidArgument, "PollInterval must be positive", 1, new[] { "GET /v1/jobs/{P}/{D}" }),
            ["Connect-Hitl relative BaseUri"] = new Case("'v1/', $BaseUri | ForEach-Object { Connect-Hitl -ApiKey $ApiKey -BaseUri $_ -PassThru }", InvalidArgument, "absolute", 1, new[] { "GET /v1/health" }),
            ["Connect-Hitl ftp BaseUri"] = new Case("'ftp://127.0.0.1/', $BaseUri | ForEach-Object { Connect-Hitl -ApiKey $ApiKey -BaseUri $_ -PassThru }", InvalidArgument, "'ftp'", 1, new[] { "GET /v1/health" }),
            ["Connect-Hitl MaximumRetryCount out of range"] = new Case("101, 3 | ForEach-Object { Connect-Hitl -ApiKey $ApiKey -BaseUri $BaseUri -MaximumRetryCount $_ -PassThru }", Validation, "MaximumRetryCount", 1, new[] { "GET /v1/health" }),

            // HITL: replies that are not what the document promises (each read is retried, then reported once)
            ["Get-HitlJob reply that is not JSON"] = new Case("1, 2 | ForEach-Object { Get-HitlJob -ProjectId $P -JobId $J }", "LabelOps.InvalidResponse", "it is text/plain", 1, Repeat(GetJob, 5), new[] { ("GET", "/v1/jobs/*/*", NotJson, 4) }),
            ["Get-HitlJob HTML reply with 200"] = new Case("1, 2 | ForEach-Object { Get-HitlJob -ProjectId $P -JobId $J }", "LabelOps.InvalidResponse", "it is an HTML page", 1, Repeat(GetJob, 5), new[] { ("GET", "/v1/jobs/*/*", new Fault { HtmlBody = true, Status = 200 }, 4) }),
            ["Get-HitlJob HTML 502 page"] = new Case("1, 2 | ForEach-Object { Get-HitlJob -ProjectId $P -JobId $J }", "LabelOps.ServerError", "HTML error page", 1, Repeat(GetJob, 5), new[] { ("GET", "/v1/jobs/*/*", new Fault { HtmlBody = true }, 4) }),
            ["Get-HitlJob JSON of the wrong shape"] = new Case("1, 2 | ForEach-Object { Get-HitlJob -ProjectId $P -JobId $J }", "LabelOps.InvalidResponse", "not the JSON expected", 1, Repeat(GetJob, 5), new[] { ("GET", "/v1/jobs/*/*", new Fault { Body = "[1, 2, 3]" }, 4) }),
            ["New-HitlJob reply without a job ID is reported, not re-sent"] = new Case("1, 2 | ForEach-Object { New-HitlJob -ProjectId $P -FileUrl $Good }", "LabelOps.InvalidResponse", "no job ID", 1, Repeat("POST /v1/jobs", 2), new[] { ("POST", "/v1/jobs", new Fault { Body = "{\"unexpected\": true}" }, 1) }),

            // Ango: IDs
            ["Get-AngoTask empty TaskId"] = new Case("'', $AT | ForEach-Object { Get-AngoTask -ProjectId $AP -TaskId $_ }", Validation, "'TaskId'", 1, new[] { GetAngoProject, "GET /v2/task/{AT}" }),
            ["Get-AngoTask TaskId with '/' is one escaped segment"] = new Case("'a/b', $AT | ForEach-Object { Get-AngoTask -ProjectId $AP -TaskId $_ }", "LabelOps.NotFound", "a%2Fb", 1, new[] { GetAngoProject, "GET /v2/task/a%2Fb", GetAngoProject, "GET /v2/task/{AT}" }),
            ["Get-AngoProject ProjectId with '?' is one escaped segment"] = new Case("'x?limit=1', $AP | ForEach-Object { Get-AngoProject -ProjectId $_ }", "LabelOps.NotFound", "x%3Flimit%3D1", 1, new[] { "GET /v2/project/x?limit=1", GetAngoProject }),
            ["Get-AngoProject ProjectId with '#' is one escaped segment"] = new Case("'x#y', $AP | ForEach-Object { Get-AngoProject -ProjectId $_ }", "LabelOps.NotFound", "x%23y", 1, new[] { "GET /v2/project/x#y", GetAngoProject }),
            ["Get-AngoProject ProjectId '..'"] = new Case("'..', $AP | ForEach-Object { Get-AngoProject -ProjectId $_ }", InvalidArgument, "ProjectId '..'", 1, new[] { GetAngoProject }),
            ["Get-AngoProject overlong ProjectId"] = new Case("('p' * 1000), $AP | ForEach-Object { Get-AngoProject -ProjectId $_ }", InvalidArgument, "1000 characters long", 1, new[] { GetAngoProject }),
            ["Get-AngoProject whitespace ProjectId"] = new Case("' ', $AP | ForEach-Object { Get-AngoProject -ProjectId $_ }", InvalidArgument, "ProjectId is empty", 1, new[] { GetAngoProject }),

            // Ango: numbers, enums, arrays
            ["Get-AngoTask unknown Status"] = new Case("'Finished', 'Todo' | ForEach-Object { Get-AngoTask -ProjectId $AP -Status $_ }", Validation, "Finished", 1, new[] { GetAngoProject, "GET /v2/project/{AP}/tasks" }),
            ["Get-AngoTask negative First"] = new Case("-1, 1 | ForEach-Object { Get-AngoTask -ProjectId $AP -First $_ }", "CannotConvertArgumentNoMessage", "'First'", 1, new[] { GetAngoProject, "GET /v2/project/{AP}/tasks" }),
            ["Set-AngoTaskAssignee empty TaskId array"] = new Case("@(@(), @($AT)) | ForEach-Object { Set-AngoTaskAssignee -ProjectId $AP -TaskId $_ -Stage Label -Email ann@example.test }", Validation, "'TaskId'", 0, new[] { GetAngoProject, "POST /v2/task/assign" }),
            ["New-AngoIssue Position that is not a number"] = new Case("@(, @('ten', 20)) + @(, @(10, 20)) | ForEach-Object { New-AngoIssue -TaskId $AT -Content 'Check' -Position $_ }", InvalidArgument, "ten", 1, new[] { "POST /v2/issues" }),

            // Ango: files
            ["Add-AngoAsset file that does not exist"] = new Case("\"$Dir/missing.jpg\", \"$Dir/good.jpg\" | ForEach-Object { Add-AngoAsset -ProjectId $AP -Path $_ }", "LabelOps.NotFound", "Cannot find the file", 1, new[] { "GET /v2/getUploadUrl", "POST /v2/project/{AP}/cloud" }),
            ["Add-AngoAsset file that cannot be read"] = new Case("\"$Dir/locked.jpg\", \"$Dir/good.jpg\" | ForEach-Object { Add-AngoAsset -ProjectId $AP -Path $_ }", "LabelOps.InvalidOperation", "Cannot read", 1, new[] { "GET /v2/getUploadUrl", "POST /v2/project/{AP}/cloud" }),
            ["Add-AngoAsset a folder instead of a file"] = new Case("$Dir, \"$Dir/good.jpg\" | ForEach-Object { Add-AngoAsset -ProjectId $AP -Path $_ }", InvalidArgument, "labelops-bad-input-", 1, new[] { "GET /v2/getUploadUrl", "POST /v2/project/{AP}/cloud" }),
            ["Set-AngoProjectInstruction wrong extension"] = new Case("\"$Dir/tool.exe\", \"$Dir/good.pdf\" | ForEach-Object { Set-AngoProjectInstruction -ProjectId $AP -Path $_ -PassThru }", InvalidArgument, "tool.exe", 1, new[] { "POST /v2/project/{AP}/instructions", GetAngoProject }),
            ["Import-AngoLabel file that is not JSON"] = new Case("\"$Dir/labels.json\", \"$Dir/good.json\" | ForEach-Object { Import-AngoLabel -ProjectId $AP -Path $_ }", InvalidArgument, "labels.json", 1, new[] { "POST /v2/import/labels" }),

            // Ango: replies
            ["Get-AngoProject 200 with status fail is an error, not retried"] = new Case("1, 2 | ForEach-Object { Get-AngoProject -ProjectId $AP }", InvalidArgument, "Project is archived", 1, Repeat(GetAngoProject, 2), new[] { ("GET", "/v2/project/*", new Fault { Body = "{\"status\":\"fail\",\"message\":\"Project is archived\"}" }, 1) }),
            ["Get-AngoProject reply that is not JSON"] = new Case("1, 2 | ForEach-Object { Get-AngoProject -ProjectId $AP }", "LabelOps.InvalidResponse", "it is text/plain", 1, Repeat(GetAngoProject, 5), new[] { ("GET", "/v2/project/*", NotJson, 4) }),
            ["Get-AngoProject JSON of the wrong shape"] = new Case("1, 2 | ForEach-Object { Get-AngoProject -ProjectId $AP }", "LabelOps.InvalidResponse", "no 'project'", 1, Repeat(GetAngoProject, 5), new[] { ("GET", "/v2/project/*", new Fault { Body = "{\"status\":\"success\",\"data\":[1,2]}" }, 4) }),
            ["Get-AngoTask HTML 503 page"] = new Case("1, 2 | ForEach-Object { Get-AngoTask -ProjectId $AP -TaskId $AT }", "LabelOps.ServerError", "HTML error page", 1, new[] { GetAngoProject }.Concat(Repeat("GET /v2/task/{AT}", 4)).Concat(new[] { GetAngoProject, "GET /v2/task/{AT}" }).ToArray(), new[] { ("GET", "/v2/task/*", new Fault { HtmlBody = true, Status = 503 }, 4) }),
            ["Connect-Ango non-http BaseUri"] = new Case("'mailto:ops@example.test', $AngoUri | ForEach-Object { Connect-Ango -ApiKey $ApiKey -BaseUri $_ -PassThru }", InvalidArgument, "'mailto'", 1, new[] { "GET /v2/listProjects" }),
        };

        public static IEnumerable<object[]> CaseNames => Cases.Keys.Select(name => new object[] { name });

        [Theory]
        [MemberData(nameof(CaseNames))]
        public void Bad_input_gives_one_clear_error_sends_nothing_wrong_and_the_pipeline_goes_on(string name)
        {
            var spec = Cases[name];
            _shell.Run(Connect).ThrowIfFailed();
            _account.ClearRequests();
            foreach (var (method, path, fault, times) in spec.Faults ?? Array.Empty<(string, string, Fault, int)>())
            {
                _account.Faults.Add(method, path, fault, times);
            }
            using var locked = name.Contains("cannot be read") ? new FileStream(Path.Combine(_directory, "locked.jpg"), FileMode.Open, FileAccess.ReadWrite, FileShare.None) : null;

            var result = _shell.Run(spec.Script, new Dictionary<string, object?> { ["Good"] = GoodJob });

            Assert.Null(result.Terminating);
            var errors = string.Join("\n", result.Errors.Select(e => e.FullyQualifiedErrorId + " | " + (e.ErrorDetails?.Message ?? e.Exception.Message)));
            Assert.True(result.Errors.Count == 1, "errors:\n" + errors);
            var error = result.Errors[0];
            var message = error.ErrorDetails?.Message ?? error.Exception.Message;
            Assert.True(error.FullyQualifiedErrorId.StartsWith(spec.ErrorId, StringComparison.Ordinal) && message.Contains(spec.Names, StringComparison.Ordinal), errors);
            Assert.Equal(spec.Good, result.Output.Count);
            var sent = _account.Requests.Select(r => r.Method + " " + r.Path + (r.QueryString.Length > 0 && spec.Sent.Any(s => s.Contains('?')) ? r.QueryString : string.Empty)).ToList();
            Assert.Equal(spec.Sent.Select(Resolve), sent);
        }

        private string DoneJob(string projectId)
        {
            var job = _account.Hitl.AddJob(projectId);
            _account.Hitl.SetJobStatus(projectId, job.JobId, "done");
            return job.JobId;
        }

        private string Resolve(string text) => _ids.Aggregate(text, (t, pair) => t.Replace(pair.Key, pair.Value));

        private static string[] Repeat(string request, int times) => Enumerable.Repeat(request, times).ToArray();

        public void Dispose()
        {
            _shell.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
