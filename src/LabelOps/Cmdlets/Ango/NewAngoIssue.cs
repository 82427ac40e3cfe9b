using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Engine.Ango;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>Raises an issue on a task (POST /issues). Sent once: a lost answer is reported, never re-sent, so no duplicate issue appears.</summary>
    [Cmdlet(VerbsCommon.New, "AngoIssue", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AngoIssue))]
    public sealed class NewAngoIssue : AngoCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        public string TaskId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Content { get; set; } = string.Empty;

        /// <summary>Where on the asset: numbers (10, 20) are sent as the SDK sends them ("[10, 20]"); a string is sent as given.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? Position { get; set; }

        [Parameter]
        public string? Title { get; set; }

        protected override void ProcessRecord()
        {
            var taskId = TaskId;
            string? position;
            try
            {
                position = PositionText(Position);
            }
            catch (LabelOpsException failure)
            {
                WriteError(ErrorRecords.From(failure, Position));
                return;
            }
            if (!ShouldProcess("Task " + taskId, "Raise Ango issue"))
            {
                return;
            }
            RunForItem(taskId, async (bridge, token) =>
                bridge.WriteObject(await ClientFor(bridge).CreateIssueAsync(taskId, Content, position, Title, token).ConfigureAwait(false)));
        }

        internal static string? PositionText(object? value)
        {
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            switch (value)
            {
                case null:
                    return null;
                case string text:
                    return text;
                case IEnumerable items:
                    var numbers = new List<double>();
                    foreach (var item in items) numbers.Add(Number(item));
                    return AngoClient.FormatPosition(numbers);
                default:
                    return AngoClient.FormatPosition(new[] { Number(value) });
            }
        }

        private static double Number(object? item)
        {
            if (item is PSObject wrapped) item = wrapped.BaseObject;
            try
            {
                return Convert.ToDouble(item, CultureInfo.InvariantCulture);
            }
            catch (Exception exception) when (exception is FormatException || exception is InvalidCastException || exception is OverflowException)
            {
                throw LabelOpsException.InvalidArgument("Position must be numbers (e.g. 10, 20) or a string; '" + item + "' is not a number.");
            }
        }
    }
}
