using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine.Hitl;
using LabelOps.Engine.Hitl.Ledger;

namespace LabelOps.Cmdlets.Hitl
{
    /// <summary>
    /// Creates one job per input (parameters or pipeline rows, e.g. Import-Csv). Input is checked against the
    /// document's rules before anything is sent; a create is never re-sent after an ambiguous failure.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "HitlJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(HitlJob))]
    public sealed class NewHitlJob : HitlCmdlet, IDisposable
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("project_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.HitlProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>Public URLs of the job's files (.pdf, .png, .jpg, .jpeg). A single CSV cell may hold several, separated by ';'.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("FileUrls", "file_urls", "Url")]
        public string[] FileUrl { get; set; } = new string[0];

        /// <summary>Predictions for workers to verify: a hashtable, an object or a JSON string.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Predictions")]
        public object? Prediction { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("webhook_url")]
        [EmptyStringAsNull]
        public string? WebhookUrl { get; set; }

        /// <summary>Headers the service adds to its webhook call (for authenticating to your endpoint).</summary>
        [Parameter]
        [Alias("WebhookHeaders")]
        public Hashtable? WebhookHeader { get; set; }

        /// <summary>1 to 1440. An empty CSV cell means no expiration. Checked per item, so one bad row does not stop the rest.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("expiration_minutes")]
        [EmptyStringAsNull]
        public int? ExpirationMinutes { get; set; }

        /// <summary>How many creates may be in flight at once. Output keeps the input order.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>
        /// A file that makes the command restartable: re-run with the same input and ledger after a kill, it
        /// creates no row twice and writes every row's job (see HitlLedgerRun). Created when missing; its folder must exist.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Ledger { get; set; }

        /// <summary>
        /// The piped object itself (a CSV row), kept so that its error names it as TargetObject. Hidden: a binary
        /// cmdlet has no other way to see the object its ByPropertyName parameters came from.
        /// </summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        private ThrottledItems? _items;
        private HitlLedgerFile? _ledgerFile;
        private HitlLedgerRun? _ledgerRun;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _items = new ThrottledItems(this, ThrottleLimit, StopToken);
        }

        protected override void EndProcessing()
        {
            _items!.Complete();
            Dispose();
        }

        public void Dispose()
        {
            _ledgerFile?.Dispose();
            _ledgerFile = null;
        }

        /// <summary>Opened at the first row that is to be sent, so -WhatIf leaves no file behind.</summary>
        private HitlLedgerRun OpenLedger()
        {
            if (_ledgerRun != null) return _ledgerRun;
            var path = ResolveFilePath(Ledger!);
            try
            {
                _ledgerFile = HitlLedgerFile.Open(path);
            }
            catch (LabelOpsException failure)
            {
                ThrowTerminating(failure, Ledger);
            }
            if (_ledgerFile!.SkippedLines > 0)
            {
                WriteWarning("The ledger '" + path + "' has " + _ledgerFile.SkippedLines + " line(s) that are not whole records (a run killed while writing); they were skipped.");
            }
            WriteVerbose("Ledger '" + path + "' opened.");
            return _ledgerRun = new HitlLedgerRun(_ledgerFile);
        }

        protected override void ProcessRecord()
        {
            var urls = FileUrl
                .SelectMany(u => (u ?? string.Empty).Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
                .Select(u => u.Trim())
                .Where(u => u.Length > 0)
                .ToList();
            var target = ProjectId + ": " + string.Join(", ", urls);
            if (!ShouldProcess(target, "Create HITL job"))
            {
                return;
            }
            // Read the bound values now: the next pipeline row rebinds these properties while this one is in flight.
            var projectId = ProjectId;
            var prediction = Prediction;
            var webhookUrl = WebhookUrl;
            var webhookHeader = WebhookHeader;
            var expiration = ExpirationMinutes;
            HitlJobRequest Request() => new HitlJobRequest
            {
                ProjectId = projectId,
                FileUrls = urls,
                Predictions = PowerShellValues.ToPlainOrParsedJson(prediction, "Prediction"),
                WebhookUrl = string.IsNullOrWhiteSpace(webhookUrl) ? null : webhookUrl,
                WebhookHeaders = PowerShellValues.ToStringMap(webhookHeader),
                ExpirationMinutes = expiration,
            };
            // The error of a piped row names the row itself, so `$failed.TargetObject | Export-Csv retry.csv` works.
            var errorTarget = InputObject ?? (object)target;
            if (Ledger == null)
            {
                _items!.Add(errorTarget, async (bridge, token) => await ClientFor(bridge).CreateJobAsync(Request(), token).ConfigureAwait(false));
                return;
            }
            var run = OpenLedger();
            HitlJobRequest request;
            string key;
            try
            {
                // The key is taken here, in input order: identical rows are told apart by their order.
                request = Request();
                key = run.KeyOf(request);
            }
            catch (LabelOpsException failure)
            {
                _items!.Add(errorTarget, (bridge, token) => throw failure);
                return;
            }
            _items!.Add(errorTarget, async (bridge, token) => await run.RunAsync(ClientFor(bridge), request, key, token).ConfigureAwait(false));
        }
    }
}
