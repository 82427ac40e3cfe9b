using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Module
{
    /// <summary>
    /// Write-Progress from long work, read from the pipeline's Progress stream: paged lists with a known total,
    /// uploads (files and bytes), export downloads, HITL waits and file saves; and nothing at all when
    /// $ProgressPreference is SilentlyContinue (as Azure Automation runbooks usually set it).
    /// </summary>
    public sealed class AngoProgressTests : AngoTest
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "labelops-progress-" + Guid.NewGuid().ToString("N"));
        private readonly string _projectId;

        public AngoProgressTests()
        {
            Directory.CreateDirectory(_folder);
            _projectId = Ango.AddProject("Progress");
            Shell.SetVariable("p", _projectId);
            Shell.SetVariable("dir", _folder);
        }

        public override void Dispose()
        {
            base.Dispose();
            Directory.Delete(_folder, recursive: true);
        }

        [Fact]
        public void A_paged_list_reports_how_many_of_the_known_total_it_has_read_and_completes()
        {
            Ango.AddAssets(_projectId, 5);

            var result = RunConnected("$null = Get-AngoTask -ProjectId $p\n$null = Get-AngoTask -ProjectId $p -Skip 1 -First 2");

            Assert.Empty(result.Errors);
            var all = result.Progress.Where(r => r.Activity.Contains(_projectId, StringComparison.Ordinal)).ToList();
            Assert.Contains(all, r => r.StatusDescription == "1 of 5" && r.PercentComplete == 20);
            Assert.Contains(all, r => r.StatusDescription == "1 of 2" && r.PercentComplete == 50);
            Assert.Equal(2, all.Count(r => r.RecordType == ProgressRecordType.Completed));
            Assert.Equal(ProgressRecordType.Completed, all.Last().RecordType);
        }

        [Fact]
        public void An_upload_reports_files_and_bytes_and_then_the_registration()
        {
            File.WriteAllBytes(Path.Combine(_folder, "a.jpg"), new byte[300]);
            File.WriteAllBytes(Path.Combine(_folder, "b.jpg"), new byte[500]);

            var result = RunConnected("$null = Add-AngoAsset -ProjectId $p -Path ($dir + '/*.jpg')");

            Assert.Empty(result.Errors);
            var upload = result.Progress.Where(r => r.Activity == "Uploading files to Ango").ToList();
            // Uploads run concurrently (-ThrottleLimit), so either file may be the first one shown.
            Assert.Contains(upload, r => r.StatusDescription == "0 of 2 files, 0 bytes uploaded" && (r.CurrentOperation == "a.jpg (300 bytes)" || r.CurrentOperation == "b.jpg (500 bytes)"));
            Assert.Equal(ProgressRecordType.Completed, upload.Last().RecordType);
            Assert.Contains(result.Progress, r => r.Activity.StartsWith("Registering Ango assets", StringComparison.Ordinal) && r.StatusDescription == "Request 1 of 1 (2 assets)");
        }

        [Fact]
        public void An_export_reports_the_download_and_completes()
        {
            Ango.AddAssets(_projectId, 3);

            var result = RunConnected("$null = Export-AngoAnnotation -ProjectId $p");

            Assert.Empty(result.Errors);
            var export = result.Progress.Where(r => r.Activity == "Exporting Ango project " + _projectId).ToList();
            Assert.Contains(export, r => r.StatusDescription.EndsWith(" KB downloaded", StringComparison.Ordinal));
            Assert.Equal(ProgressRecordType.Completed, export.Last().RecordType);
        }

        [Fact]
        public void Nothing_is_written_to_the_progress_stream_under_SilentlyContinue()
        {
            Ango.AddAssets(_projectId, 5);
            File.WriteAllBytes(Path.Combine(_folder, "a.jpg"), new byte[300]);

            var result = RunConnected(
                "$ProgressPreference = 'SilentlyContinue'\n" +
                "$null = Get-AngoTask -ProjectId $p\n" +
                "$null = Add-AngoAsset -ProjectId $p -Path ($dir + '/a.jpg')\n" +
                "$null = Export-AngoAnnotation -ProjectId $p\n" +
                "$ProgressPreference = 'Continue'\n" +
                "$null = Get-AngoTask -ProjectId $p -ProgressAction SilentlyContinue");

            Assert.Empty(result.Errors);
            Assert.Empty(result.Progress);
        }
    }

    public sealed class HitlProgressTests : HitlTest
    {
        private readonly string _projectId;
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "labelops-progress-" + Guid.NewGuid().ToString("N"));

        public HitlProgressTests()
        {
            _projectId = Account.Hitl.AddProject("Progress", "active");
            Shell.SetVariable("ProjectId", _projectId);
            Shell.SetVariable("Folder", _folder);
        }

        public override void Dispose()
        {
            base.Dispose();
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }

        [Fact]
        public void Waiting_reports_how_many_jobs_have_finished_and_saving_a_file_reports_its_bytes()
        {
            var first = Account.Hitl.AddJob(_projectId, new[] { "https://files.example.test/one.png" });
            var second = Account.Hitl.AddJob(_projectId, new[] { "https://files.example.test/two.png" });
            Account.Hitl.SetJobStatus(_projectId, first.JobId, "done");
            Account.Hitl.SetJobStatus(_projectId, second.JobId, "done");
            Directory.CreateDirectory(_folder);

            var result = RunConnected("$null = Get-HitlJob -ProjectId $ProjectId | Wait-HitlJob -PollInterval 0.01 | Save-HitlJobFile -Path $Folder");

            Assert.Empty(result.Errors);
            var wait = result.Progress.Where(r => r.Activity == "Waiting for HITL jobs").ToList();
            Assert.Contains(wait, r => r.StatusDescription == "2 of 2 finished" && r.RecordType == ProgressRecordType.Completed);
            var saves = result.Progress.Where(r => r.Activity == "Saving HITL job file").ToList();
            Assert.Equal(2, saves.Count(r => r.RecordType == ProgressRecordType.Completed));
        }

        [Fact]
        public void Waiting_writes_no_progress_under_SilentlyContinue()
        {
            var job = Account.Hitl.AddJob(_projectId, new[] { "https://files.example.test/one.png" });
            Account.Hitl.SetJobStatus(_projectId, job.JobId, "done");

            var result = RunConnected("$ProgressPreference = 'SilentlyContinue'\n$null = Wait-HitlJob -ProjectId $ProjectId -JobId $id -PollInterval 0.01",
                new Dictionary<string, object?> { ["id"] = job.JobId });

            Assert.Empty(result.Errors);
            Assert.Empty(result.Progress);
        }
    }
}
