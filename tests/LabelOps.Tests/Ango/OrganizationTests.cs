using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    public sealed class OrganizationTests : AngoTest
    {
        private string OrgPath(string what) => "/v2/organization/" + Ango.OrganizationId + "/" + what;

        [Fact]
        public void Get_AngoOrganizationMember_finds_the_organization_from_the_first_project_and_lists_its_members()
        {
            Ango.AddProject("Any");

            var result = RunConnected("Get-AngoOrganizationMember");

            Assert.Empty(result.Errors);
            var members = result.Objects<AngoMember>();
            Assert.Equal(new[] { "guest@example.test", "member@example.test", "owner@example.test" }, members.Select(m => m.Email).OrderBy(e => e));
            Assert.Equal("Admin", members.Single(m => m.Email == "owner@example.test").OrganizationRole);
            Assert.All(members, m => Assert.Equal(Ango.OrganizationId, m.OrganizationId));
            var lookup = Assert.Single(Requests("GET", "/v2/listProjects"));
            Assert.Equal("1", Query(lookup)["limit"]);
            Assert.Single(Requests("GET", OrgPath("users")));
        }

        [Fact]
        public void With_OrganizationId_no_project_lookup_is_made_and_search_is_sent()
        {
            var result = RunConnected("Get-AngoOrganizationMember -OrganizationId $o -Search mia", new Dictionary<string, object?> { ["o"] = Ango.OrganizationId });

            Assert.Empty(result.Errors);
            Assert.Equal("member@example.test", Assert.Single(result.Objects<AngoMember>()).Email);
            Assert.Empty(Requests("GET", "/v2/listProjects"));
            Assert.Equal("mia", Query(Assert.Single(Requests("GET", OrgPath("users"))))["search"]);
        }

        [Fact]
        public void Without_projects_or_OrganizationId_the_error_says_to_pass_OrganizationId()
        {
            var result = RunConnected("Get-AngoOrganizationMember");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidOperation", error.FullyQualifiedErrorId);
            Assert.Contains("-OrganizationId", error.Exception.Message);
        }

        [Fact]
        public void Set_AngoOrganizationMemberRole_sends_every_piped_member_in_one_request()
        {
            Ango.AddProject("Any");

            var result = RunConnected("Get-AngoOrganizationMember | Where-Object OrganizationRole -ne Admin | Set-AngoOrganizationMemberRole -Role Admin");

            Assert.Empty(result.Errors);
            var post = Assert.Single(Requests("POST", OrgPath("users")));
            var users = JsonNode.Parse(post.Body)!["users"]!.AsArray();
            Assert.Equal(new[] { "guest@example.test", "member@example.test" }, users.Select(u => (string)u!["email"]!).OrderBy(e => e));
            Assert.All(users, u => Assert.Equal("Admin", (string?)u!["organizationRole"]));
            Assert.All(Ango.GetMembers(), m => Assert.Equal("Admin", (string?)m["organizationRole"]));
        }

        [Fact]
        public void Set_AngoOrganizationMemberRole_warns_about_members_the_service_could_not_update()
        {
            var result = RunConnected("Set-AngoOrganizationMemberRole -OrganizationId $o -Email member@example.test, ghost@example.test -Role Guest",
                new Dictionary<string, object?> { ["o"] = Ango.OrganizationId });

            Assert.Empty(result.Errors);
            Assert.Contains(result.Warnings, w => w.Contains("ghost@example.test"));
        }

        [Fact]
        public void Remove_AngoOrganizationMember_with_Confirm_false_sends_one_DELETE_with_every_email()
        {
            Ango.AddProject("Any");

            var result = RunConnected("'member@example.test', 'guest@example.test' | Remove-AngoOrganizationMember -Confirm:$false");

            Assert.Empty(result.Errors);
            var delete = Assert.Single(Requests("DELETE", OrgPath("users")));
            Assert.Equal(new[] { "member@example.test", "guest@example.test" }, JsonNode.Parse(delete.Body)!["users"]!.AsArray().Select(e => (string)e!));
            Assert.Equal(new[] { "owner@example.test" }, Ango.GetMembers().Select(m => (string)m["email"]!));
        }

        [Fact]
        public void Remove_AngoOrganizationMember_with_WhatIf_sends_nothing()
        {
            var result = RunConnected("Remove-AngoOrganizationMember -Email member@example.test -OrganizationId $o -WhatIf", new Dictionary<string, object?> { ["o"] = Ango.OrganizationId });

            Assert.Empty(result.Errors);
            Assert.Empty(Account.Requests);
            Assert.Equal(3, Ango.GetMembers().Count);
        }

        [Fact]
        public void New_AngoOrganizationInvite_posts_to_role_and_project_assignments_and_returns_the_invites()
        {
            var projectId = Ango.AddProject("Street scenes");

            var result = RunConnected("New-AngoOrganizationInvite -Email ann@example.test, bob@example.test -Role Member -ProjectAssignment @{ ProjectId = $p; Role = 'labeler' }",
                new Dictionary<string, object?> { ["p"] = projectId });

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "ann@example.test", "bob@example.test" }, result.Objects<AngoInvite>().Select(i => i.Email));
            Assert.All(result.Objects<AngoInvite>(), i => Assert.Equal("Pending", i.Status));
            var body = JsonNode.Parse(Assert.Single(Requests("POST", OrgPath("invites"))).Body)!;
            Assert.Equal(new[] { "ann@example.test", "bob@example.test" }, body["to"]!.AsArray().Select(e => (string)e!));
            Assert.Equal("Member", (string?)body["organizationRole"]);
            var assignment = Assert.Single(body["projectAssignments"]!.AsArray())!;
            Assert.Equal(projectId, (string?)assignment["projectId"]);
            Assert.Equal("Labeler", (string?)assignment["projectRole"]);
        }

        [Fact]
        public void Invites_listed_and_piped_to_Remove_AngoOrganizationInvite_are_withdrawn_in_one_request()
        {
            var projectId = Ango.AddProject("Any");
            RunConnected("New-AngoOrganizationInvite -Email a@example.test, b@example.test, c@example.test -Role Guest").ThrowIfFailed();

            var result = RunConnected("Get-AngoOrganizationInvite | Where-Object Email -ne b@example.test | Remove-AngoOrganizationInvite");

            Assert.Empty(result.Errors);
            var delete = Assert.Single(Requests("DELETE", OrgPath("invites")));
            Assert.Equal(new[] { "a@example.test", "c@example.test" }, JsonNode.Parse(delete.Body)!["invites"]!.AsArray().Select(e => (string)e!).OrderBy(e => e));
            Assert.Equal(new[] { "b@example.test" }, Ango.GetInvites().Select(i => (string)i["to"]!));
        }
    }
}
