using System;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Http;
using Xunit;

namespace TableauWebhooks.Client.Tests.Http
{
    /// <summary>
    /// What <see cref="ServerAddress.Parse"/> makes of what users type or paste: the server root (a reverse proxy's path
    /// prefix kept), the site an address from the browser's address bar names, and refusals that say what to give instead.
    /// </summary>
    public class ServerAddressTests
    {
        [Theory]
        [InlineData("https://tableau.example.com", "https://tableau.example.com/")]
        [InlineData("  https://tableau.example.com/  ", "https://tableau.example.com/")]
        [InlineData("http://tableau.example.com:8000/", "http://tableau.example.com:8000/")]
        [InlineData("https://tableau.example.com/?:embed=y", "https://tableau.example.com/")]
        [InlineData("https://tableau.example.com/#", "https://tableau.example.com/")]
        [InlineData("https://tableau.example.com/#/", "https://tableau.example.com/")]
        [InlineData("https://proxy.example.com/tableau///", "https://proxy.example.com/tableau")]
        [InlineData("https://proxy.example.com/bi/tableau", "https://proxy.example.com/bi/tableau")]
        // A prefix that only ends in one of Tableau's words is still a prefix: those words start a page only with more after them.
        [InlineData("https://proxy.example.com/t", "https://proxy.example.com/t")]
        [InlineData("https://proxy.example.com/analytics/views/", "https://proxy.example.com/analytics/views")]
        [InlineData("https://proxy.example.com/api", "https://proxy.example.com/api")]
        [InlineData("https://proxy.example.com/api/tableau", "https://proxy.example.com/api/tableau")]
        public void A_server_address_names_no_site_and_keeps_a_proxy_prefix(string text, string root)
        {
            var location = ServerAddress.Parse(text);
            Assert.Equal(root, location.Root.ToString());
            Assert.Null(location.SiteContentUrl);
            Assert.Equal(text.Trim(), location.Address);
        }

        [Theory]
        [InlineData("https://tableau.example.com/#/site/finance/home", "https://tableau.example.com/", "finance")]
        [InlineData("https://tableau.example.com/#/site/finance", "https://tableau.example.com/", "finance")]
        [InlineData("https://tableau.example.com/#/site/finance/", "https://tableau.example.com/", "finance")]
        [InlineData("https://tableau.example.com/#/site/finance/views/Sales/Overview?:iid=1", "https://tableau.example.com/", "finance")]
        [InlineData("https://tableau.example.com/#/site/finance?:iid=1", "https://tableau.example.com/", "finance")]
        [InlineData("https://tableau.example.com/#/site/Fin_Ops-2/projects", "https://tableau.example.com/", "Fin_Ops-2")]
        [InlineData("https://10ax.online.tableau.com/#/site/mysite/home", "https://10ax.online.tableau.com/", "mysite")]
        [InlineData("https://prod-useast-b.online.tableau.com/#/site/mysite/explore", "https://prod-useast-b.online.tableau.com/", "mysite")]
        [InlineData("https://tableau.example.com/#/home", "https://tableau.example.com/", "")]
        [InlineData("https://tableau.example.com/#/views/Sales/Overview", "https://tableau.example.com/", "")]
        [InlineData("https://tableau.example.com/#/projects", "https://tableau.example.com/", "")]
        [InlineData("https://tableau.example.com:8443/#/site/finance/home", "https://tableau.example.com:8443/", "finance")]
        [InlineData("https://proxy.example.com/tableau/#/site/finance/home", "https://proxy.example.com/tableau", "finance")]
        [InlineData("https://proxy.example.com/tableau/#/home", "https://proxy.example.com/tableau", "")]
        public void An_address_from_the_browser_names_its_site(string text, string root, string site)
        {
            var location = ServerAddress.Parse(text);
            Assert.Equal(root, location.Root.ToString());
            Assert.Equal(site, location.SiteContentUrl);
        }

        [Theory]
        [InlineData("https://tableau.example.com/t/finance/views/Sales/Overview?:iid=1", "https://tableau.example.com", "site 'finance'")]
        [InlineData("https://tableau.example.com/t/finance", "https://tableau.example.com", "the site's contentUrl is 'finance'")]
        [InlineData("https://10ax.online.tableau.com/t/mysite/views/Sales/Overview", "https://10ax.online.tableau.com", "the site's contentUrl is 'mysite'")]
        [InlineData("https://tableau.example.com/views/Sales/Overview", "https://tableau.example.com", "the Default site")]
        [InlineData("https://tableau.example.com/authoring/Sales/Overview", "https://tableau.example.com", "the Default site")]
        [InlineData("https://tableau.example.com/site/finance/home", "https://tableau.example.com", "the site's contentUrl is 'finance'")]
        [InlineData("https://tableau.example.com/api/3.19/auth/signin", "https://tableau.example.com", "REST API")]
        [InlineData("https://tableau.example.com/vizportal/api/web/v1/getSessionInfo", "https://tableau.example.com", "web client")]
        [InlineData("https://tableau.example.com:8443/views/Sales/Overview", "https://tableau.example.com:8443", "the Default site")]
        [InlineData("https://proxy.example.com/tableau/t/finance/views/Sales/Overview", "https://proxy.example.com/tableau", "site 'finance'")]
        [InlineData("https://proxy.example.com/tableau/api/3.6/serverinfo", "https://proxy.example.com/tableau", "REST API")]
        [InlineData("https://tableau.example.com/T/finance/views/Sales", "https://tableau.example.com", "site 'finance'")]
        public void The_address_of_a_page_is_refused_with_the_server_address(string text, string root, string says)
        {
            var ex = Assert.Throws<TableauException>(() => ServerAddress.Parse(text));
            Assert.Equal(TableauErrorKind.InvalidArgument, ex.Kind);
            Assert.Equal(ErrorIds.InvalidServerUrl, ex.ErrorId);
            Assert.Contains($"'{text}' is the address of ", ex.Message);
            Assert.Contains($"The server's address is {root}", ex.Message);
            Assert.Contains(says, ex.Message);
            Assert.DoesNotContain("-Server", ex.Message);
            Assert.DoesNotContain("Connect-", ex.Message);
        }

        [Theory]
        [InlineData("https://tableau.example.com/#top", "'#top'")]
        [InlineData("https://tableau.example.com/#!/site/finance/home", "/#/site/<contentUrl>/")]
        [InlineData("https://tableau.example.com/#/site/", "no site's contentUrl")]
        [InlineData("https://tableau.example.com/#/site", "no site's contentUrl")]
        [InlineData("https://tableau.example.com/#/site//home", "no site's contentUrl")]
        public void A_hash_part_that_is_not_a_Tableau_page_is_refused(string text, string says)
        {
            var ex = Assert.Throws<TableauException>(() => ServerAddress.Parse(text));
            Assert.Equal(ErrorIds.InvalidServerUrl, ex.ErrorId);
            Assert.Contains(says, ex.Message);
        }

        [Theory]
        [InlineData("", "missing")]
        [InlineData("   ", "missing")]
        [InlineData(null, "missing")]
        [InlineData("tableau.example.com", "https://tableau.example.com")]
        [InlineData("tableau.example.com/#/site/finance/home", "https://tableau.example.com/#/site/finance/home")]
        [InlineData("ftp://tableau.example.com", "http:// or https://")]
        public void What_is_not_an_http_address_is_refused(string? text, string says)
        {
            var ex = Assert.Throws<TableauException>(() => ServerAddress.Parse(text));
            Assert.Equal(ErrorIds.InvalidServerUrl, ex.ErrorId);
            Assert.Contains(says, ex.Message);
        }

        [Theory]
        // No site in the address: what is asked for, else the Default site.
        [InlineData("https://tableau.example.com", null, "")]
        [InlineData("https://tableau.example.com", "finance", "finance")]
        [InlineData("https://tableau.example.com", "", "")]
        // The address's site when none is asked for, or the same one is.
        [InlineData("https://tableau.example.com/#/site/finance/home", null, "finance")]
        [InlineData("https://tableau.example.com/#/site/finance/home", "finance", "finance")]
        [InlineData("https://tableau.example.com/#/site/finance/home", "Finance", "Finance")]
        [InlineData("https://tableau.example.com/#/home", null, "")]
        [InlineData("https://tableau.example.com/#/home", "", "")]
        public void The_site_to_sign_in_to_is_the_one_asked_for_else_the_address_s(string text, string? requested, string expected)
            => Assert.Equal(expected, ServerAddress.Parse(text).SiteToSignInTo(requested));

        [Theory]
        [InlineData("https://tableau.example.com/#/site/finance/home", "marketing", "site 'finance'", "site 'marketing'")]
        [InlineData("https://tableau.example.com/#/site/finance/home", "", "site 'finance'", "the Default site")]
        [InlineData("https://tableau.example.com/#/home", "finance", "the Default site", "site 'finance'")]
        public void A_site_asked_for_that_the_address_contradicts_is_refused_naming_both(string text, string requested, string ofAddress, string asked)
        {
            var ex = Assert.Throws<TableauException>(() => ServerAddress.Parse(text).SiteToSignInTo(requested));
            Assert.Equal(TableauErrorKind.InvalidArgument, ex.Kind);
            Assert.Equal(ErrorIds.ServerUrlSiteConflict, ex.ErrorId);
            Assert.Equal($"The address '{text}' is of {ofAddress}, but {asked} was asked for as well.", ex.Message);
        }

        [Fact]
        public void A_client_server_url_must_not_name_a_site_the_client_would_not_sign_in_to()
        {
            var ex = Assert.Throws<TableauException>(() => ServerAddress.Normalize(new Uri("https://tableau.example.com/#/site/finance/home")));
            Assert.Equal(ErrorIds.InvalidServerUrl, ex.ErrorId);
            Assert.Contains("site 'finance'", ex.Message);
            Assert.Contains("The server's address is https://tableau.example.com;", ex.Message);

            Assert.Throws<TableauException>(() => ServerAddress.Normalize(new Uri("https://tableau.example.com/t/finance/views/Sales")));
            Assert.Equal("https://proxy.example.com/tableau", ServerAddress.Normalize(new Uri("https://proxy.example.com/tableau/")).ToString());
            Assert.Equal("https://tableau.example.com/", ServerAddress.Normalize(new Uri("https://tableau.example.com/#/")).ToString());
        }

        [Theory]
        [InlineData("", "the Default site")]
        [InlineData("finance", "site 'finance'")]
        public void Sites_are_named_the_same_way_everywhere(string contentUrl, string text) => Assert.Equal(text, ServerAddress.DescribeSite(contentUrl));

        // Kills: a comparison of the address text as typed (case, default port, trailing slash or escapes would make one
        // server two, and cmdlets would refuse a piped webhook's own server), and one that ignores the scheme, port or a
        // proxy's path (two servers would be one, and a change would go to the wrong one).
        [Theory]
        [InlineData("https://tableau.example.com", "https://TABLEAU.example.com/", true)]
        [InlineData("https://tableau.example.com", "https://tableau.example.com:443", true)]
        [InlineData("http://tableau.example.com", "http://tableau.example.com:80/", true)]
        [InlineData("https://proxy.example.com/tableau", "https://proxy.example.com/tableau/", true)]
        [InlineData("https://proxy.example.com/t%61bleau", "https://proxy.example.com/tableau", true)]
        [InlineData("https://b\u00fccher.example", "https://xn--bcher-kva.example", true)]
        [InlineData("https://tableau.example.com", "http://tableau.example.com", false)]
        [InlineData("https://tableau.example.com", "https://tableau.example.com:8443", false)]
        [InlineData("https://tableau.example.com", "https://tableau2.example.com", false)]
        [InlineData("https://proxy.example.com/tableau", "https://proxy.example.com/tableau-dev", false)]
        [InlineData("https://proxy.example.com/tableau", "https://proxy.example.com/Tableau", false)]
        [InlineData("https://proxy.example.com/tableau", "https://proxy.example.com", false)]
        public void Two_roots_are_one_server_exactly_when_scheme_host_port_and_path_agree(string a, string b, bool same)
        {
            var first = new Uri(a);
            var second = new Uri(b);
            Assert.Equal(same, ServerAddress.SameServer(first, second));
            Assert.Equal(same, ServerAddress.SameServer(second, first));
        }
    }
}
