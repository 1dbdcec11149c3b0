using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Tests.Support;
using Xunit;

namespace TableauWebhooks.Client.Tests.Serialization
{
    /// <summary>Query Sites documents: namespaced XML, JSON arrays, a page of one as a single object, empty pages.</summary>
    public class SiteReaderTests
    {
        [Fact]
        public void Xml_reads_sites_and_pagination()
        {
            var body = TestPaths.OwnData("sites_list.xml");
            var sites = Docs.Read(Docs.Xml, body, r => r.ReadSites());
            var page = Docs.Read(Docs.Xml, body, r => r.ReadPagination());

            Assert.Equal(3, sites.Count);
            Assert.Equal("5f3c8a1e-2b4d-4c6e-8f10-a1b2c3d4e5f6", sites[0].Id);
            Assert.Equal("Default", sites[0].Name);
            Assert.Equal("", sites[0].ContentUrl);
            Assert.Equal("Active", sites[0].State);
            Assert.Equal("finance", sites[1].ContentUrl);
            Assert.Equal("Suspended", sites[1].State);
            // Missing contentUrl and state: the default site's "" and null, not an unreadable document.
            Assert.Equal("", sites[2].ContentUrl);
            Assert.Null(sites[2].State);
            Assert.NotNull(page);
            Assert.Equal(3, page!.TotalAvailable);
        }

        [Fact]
        public void Xml_without_namespace_and_with_an_empty_list()
        {
            var sites = Docs.Read(Docs.Xml, "<tsResponse><pagination pageNumber=\"3\" pageSize=\"2\" totalAvailable=\"3\"/><sites/></tsResponse>", r => r.ReadSites());
            Assert.Empty(sites);
        }

        [Fact]
        public void Json_reads_an_array_and_string_paging_numbers()
        {
            var body = TestPaths.OwnData("sites_list.json");
            var sites = Docs.Read(Docs.Json, body, r => r.ReadSites());
            var page = Docs.Read(Docs.Json, body, r => r.ReadPagination());

            Assert.Equal(2, sites.Count);
            Assert.Equal("Default", sites[0].Name);
            Assert.Equal("", sites[0].ContentUrl);
            Assert.Equal("9d2e7b40-6a1c-4f3e-b5d8-0c1e2f3a4b5c", sites[1].Id);
            Assert.Equal("Suspended", sites[1].State);
            Assert.Equal(3, page!.TotalAvailable);
        }

        [Fact]
        public void Json_page_of_one_may_be_a_single_object_and_numbers_may_be_numbers()
        {
            var body = TestPaths.OwnData("sites_single_object.json");
            var site = Assert.Single(Docs.Read(Docs.Json, body, r => r.ReadSites()));
            Assert.Equal("Sales", site.Name);
            Assert.Equal("sales", site.ContentUrl);
            Assert.Equal(1, Docs.Read(Docs.Json, body, r => r.ReadPagination())!.TotalAvailable);
        }

        [Theory]
        [InlineData("{\"sites\":{}}")]
        [InlineData("{\"sites\":null}")]
        [InlineData("{\"sites\":{\"site\":[]}}")]
        [InlineData("{\"sites\":[]}")]
        public void Json_empty_pages(string body)
            => Assert.Empty(Docs.Read(Docs.Json, body, r => r.ReadSites()));

        [Theory]
        [InlineData(Docs.Json, "{\"pagination\":{\"pageNumber\":\"1\",\"pageSize\":\"100\",\"totalAvailable\":\"0\"}}")]
        [InlineData(Docs.Json, "{\"sites\":{\"site\":[{\"name\":\"no id\"}]}}")]
        [InlineData(Docs.Json, "{\"sites\":{\"site\":[\"text\"]}}")]
        [InlineData(Docs.Xml, "<tsResponse><pagination pageNumber=\"1\" pageSize=\"100\" totalAvailable=\"0\"/></tsResponse>")]
        [InlineData(Docs.Xml, "<tsResponse><sites><site name=\"no id\"/></sites></tsResponse>")]
        public void Missing_list_or_site_id_is_unreadable(string contentType, string body)
        {
            var error = Assert.Throws<TableauException>(() => Docs.Read(contentType, body, r => r.ReadSites()));
            Assert.Equal(TableauErrorKind.InvalidResponse, error.Kind);
        }
    }
}
