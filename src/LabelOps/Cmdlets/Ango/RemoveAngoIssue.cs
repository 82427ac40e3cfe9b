using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Deletes issues (DELETE /issues/{id}). ConfirmImpact Medium: deleting an issue cannot be undone, but it is
    /// one issue per item and its task and annotations are untouched; High would prompt for every issue of a
    /// scripted clean-up (Get-AngoIssue -Status Resolved | Remove-AngoIssue). -WhatIf and -Confirm still apply.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "AngoIssue", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveAngoIssue : AngoCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        public string[] IssueId { get; set; } = new string[0];

        protected override void ProcessRecord() =>
            ForEachConfirmed(IssueId, "Issue", "Delete Ango issue", (id, bridge, token) => ClientFor(bridge).DeleteIssueAsync(id, token));
    }
}
