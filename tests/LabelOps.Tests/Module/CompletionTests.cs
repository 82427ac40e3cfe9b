using System;
using System.Collections.Generic;
using System.Linq;
using LabelOps.Emulator;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Module
{
    /// <summary>Tab completion as PowerShell runs it (TabExpansion2), against the emulator's Ango API.</summary>
    public sealed class AngoCompletionTests : AngoTest
    {
        private readonly string _cars;
        private readonly string _bikes;

        public AngoCompletionTests()
        {
            _cars = Ango.AddProject("Cars");
            _bikes = Ango.AddProject("Bikes");
            Shell.SetVariable("p", _cars);
        }

        [Fact]
        public void Project_ids_complete_from_the_project_list_which_is_read_once_per_session()
        {
            Shell.Run(Connect).ThrowIfFailed();
            Account.ClearRequests();

            var first = Complete("Get-AngoTask -ProjectId ");
            var requestsAfterFirst = Account.Requests.Count;
            var second = Complete("Set-AngoWorkflow -ProjectId ");

            Assert.Equal(new[] { _bikes, _cars }.OrderBy(i => i), first.Select(c => c.Text).OrderBy(i => i));
            Assert.Contains(first, c => c.Text == _cars && c.ListItem.Contains("Cars", StringComparison.Ordinal));
            Assert.Equal(first.Select(c => c.Text), second.Select(c => c.Text));
            var read = Assert.Single(Account.Requests);
            Assert.Equal("/v2/listProjects", read.Path);
            Assert.Equal(1, requestsAfterFirst);
        }

        [Fact]
        public void What_was_typed_matches_a_project_name_or_an_id()
        {
            Shell.Run(Connect).ThrowIfFailed();

            Assert.Equal(new[] { _cars }, Complete("Get-AngoProject -ProjectId car").Select(c => c.Text));
            Assert.Equal(new[] { _bikes }, Complete("Get-AngoProject -ProjectId " + _bikes.Substring(0, _bikes.Length - 1)).Select(c => c.Text));
        }

        [Fact]
        public void Stage_and_batch_names_complete_from_one_read_of_the_project_on_the_command_line()
        {
            Ango.DefineBatch(_cars, "Night");
            Ango.DefineBatch(_cars, "Rain shots");
            Shell.Run(Connect).ThrowIfFailed();
            Account.ClearRequests();

            var stages = Complete("Get-AngoTask -ProjectId $p -Stage ");
            var batches = Complete("Get-AngoTask -ProjectId $p -Batch ");
            var toStage = Complete("Move-AngoTask -ProjectId $p -ToStage La");

            Assert.Equal(new[] { "Start", "Label", "Complete" }, stages.Select(c => c.Text));
            Assert.Equal(new[] { "Night", "'Rain shots'" }, batches.Select(c => c.Text));
            Assert.Equal(new[] { "Label" }, toStage.Select(c => c.Text));
            var read = Assert.Single(Account.Requests);
            Assert.Equal("/v2/project/" + _cars, read.Path);
        }

        [Fact]
        public void Stage_names_need_the_project_so_without_it_nothing_is_offered_or_sent()
        {
            Shell.Run(Connect).ThrowIfFailed();
            Account.ClearRequests();

            Assert.Empty(Complete("Get-AngoTask -Stage "));
            Assert.Empty(Account.Requests);
        }

        [Fact]
        public void Metric_names_complete_from_the_metrics_the_cmdlet_accepts()
        {
            Assert.Equal(new[] { "TimePerTask" }, Complete("Get-AngoMetric -ProjectId x -Metric Time").Select(c => c.Text));
            Assert.Equal(new[] { "Day", "Month", "Week", "Year" }, Complete("Get-HitlMetric -GroupBy ").Select(c => c.Text));
        }

        [Fact]
        public void A_failed_read_offers_nothing_without_an_error_and_the_next_tab_reads_again()
        {
            Shell.Run(Connect).ThrowIfFailed();
            Account.ClearRequests();
            Account.Faults.Add("GET", "/v2/listProjects", new Fault { Status = 500 }, times: 4);

            var failed = Shell.Run("(TabExpansion2 -inputScript 'Get-AngoTask -ProjectId ' -cursorColumn 24).CompletionMatches");
            Conditions.WaitUntil(() => Account.Requests.Count(r => r.Path == "/v2/listProjects") == 4, "the failing read and its retries");
            var retried = Complete("Get-AngoTask -ProjectId ");

            Assert.Empty(failed.Errors);
            Assert.Null(failed.Terminating);
            Assert.Empty(failed.Output);
            Assert.Equal(2, retried.Count);
            Assert.Equal(5, Account.Requests.Count(r => r.Path == "/v2/listProjects"));
        }

        [Fact]
        public void A_slow_service_does_not_hold_up_the_prompt_completion_gives_up_and_offers_nothing()
        {
            Shell.Run(Connect).ThrowIfFailed();
            Account.Faults.Add("GET", "/v2/listProjects", new Fault { Delay = TimeSpan.FromSeconds(8) });

            var result = Shell.Run("(TabExpansion2 -inputScript 'Get-AngoTask -ProjectId ' -cursorColumn 24).CompletionMatches");

            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
        }

        private List<(string Text, string ListItem)> Complete(string input) => CompletionRun.Complete(Shell, input);
    }

    /// <summary>HITL has no project list: -ProjectId completes from what the session has used, sending nothing.</summary>
    public sealed class HitlCompletionTests : HitlTest
    {
        [Fact]
        public void Project_ids_complete_from_the_projects_this_session_has_used_without_a_request()
        {
            var used = Account.Hitl.AddProject("Street signs");
            var fromMetrics = Account.Hitl.AddProject("Xylophones");
            Shell.SetVariable("used", used);
            RunConnected("$null = Get-HitlProject -ProjectId $used; $null = Get-HitlMetric -ProjectId $used").ThrowIfFailed();
            Account.ClearRequests();

            var completions = CompletionRun.Complete(Shell, "Get-HitlJob -ProjectId ");

            Assert.Contains(completions, c => c.Text == used && c.ListItem.Contains("Street signs", StringComparison.Ordinal));
            Assert.DoesNotContain(completions, c => c.Text == fromMetrics);
            Assert.Empty(Account.Requests);
        }

        [Fact]
        public void Every_project_in_a_metrics_report_completes_afterwards()
        {
            var signs = Account.Hitl.AddProject("Street signs");
            var faces = Account.Hitl.AddProject("Xylophones");
            Account.Hitl.AddJob(signs);
            Account.Hitl.AddJob(faces);
            RunConnected("$null = Get-HitlMetric").ThrowIfFailed();

            var completions = CompletionRun.Complete(Shell, "Wait-HitlJob -ProjectId Xy");

            Assert.Equal(new[] { faces }, completions.Select(c => c.Text));
        }

        [Fact]
        public void Without_a_session_nothing_is_offered_and_nothing_fails()
        {
            var result = Shell.Run("(TabExpansion2 -inputScript 'Get-HitlJob -ProjectId ' -cursorColumn 23).CompletionMatches");

            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
        }
    }

    internal static class CompletionRun
    {
        public static List<(string Text, string ListItem)> Complete(HostedPowerShell shell, string input)
        {
            var result = shell.Run("(TabExpansion2 -inputScript $completionInput -cursorColumn $completionInput.Length).CompletionMatches",
                new Dictionary<string, object?> { ["completionInput"] = input });
            result.ThrowIfFailed();
            return result.Output.Select(o => (Text: (string)o.Properties["CompletionText"].Value, ListItem: (string)o.Properties["ListItemText"].Value)).ToList();
        }
    }
}
