// report.html checked with libxml2's HTML parser and XPath, as a browser-independent reader.
#include <memory>

#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "report/html_writer.hpp"
#include "sample_report.hpp"

namespace harness::report {
namespace {

using testing::sample_masker;
using testing::sample_report;

struct DocDeleter {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

// A parsed page with the parser's complaints and small XPath helpers.
class ParsedPage {
public:
    explicit ParsedPage(const std::string& html) {
        xmlSetStructuredErrorFunc(&errors_, &ParsedPage::collect);
        doc_.reset(htmlReadMemory(html.data(), static_cast<int>(html.size()), "report.html",
                                  "UTF-8", HTML_PARSE_NONET));
        xmlSetStructuredErrorFunc(nullptr, nullptr);
    }

    bool parsed() const { return doc_ != nullptr; }
    const std::vector<std::string>& errors() const { return errors_; }

    /// The string values of the nodes an XPath expression selects, in document order.
    std::vector<std::string> values(const std::string& xpath) const {
        std::vector<std::string> out;
        std::unique_ptr<xmlXPathContext, void (*)(xmlXPathContext*)> context(
            xmlXPathNewContext(doc_.get()), xmlXPathFreeContext);
        std::unique_ptr<xmlXPathObject, void (*)(xmlXPathObject*)> result(
            xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), context.get()),
            xmlXPathFreeObject);
        if (!result || result->nodesetval == nullptr) {
            return out;
        }
        for (int i = 0; i < result->nodesetval->nodeNr; ++i) {
            xmlChar* content = xmlNodeGetContent(result->nodesetval->nodeTab[i]);
            out.emplace_back(content == nullptr ? "" : reinterpret_cast<const char*>(content));
            xmlFree(content);
        }
        return out;
    }

    std::size_t count(const std::string& xpath) const { return values(xpath).size(); }

    std::string text(const std::string& xpath) const {
        const std::vector<std::string> found = values(xpath);
        return found.empty() ? "<none>" : found.front();
    }

private:
    static void collect(void* context, xmlErrorPtr error) {
        const std::string message = error->message == nullptr ? "" : error->message;
        // libxml2's HTML 4 parser does not know these HTML5 elements; that is not a fault.
        const bool html5_tag =
            error->code == XML_HTML_UNKNOWN_TAG && (message.find("details") != std::string::npos ||
                                                    message.find("summary") != std::string::npos);
        if (!html5_tag) {
            static_cast<std::vector<std::string>*>(context)->push_back(message);
        }
    }

    std::unique_ptr<xmlDoc, DocDeleter> doc_;
    std::vector<std::string> errors_;
};

class HtmlWriterTest : public ::testing::Test {
protected:
    void SetUp() override {
        testing::write_sample_evidence(dir_.path());
        write_html(sample_report(), sample_masker(), dir_.path() / "report.html");
        html_ = testing::read_file(dir_.path() / "report.html");
        page_ = std::make_unique<ParsedPage>(html_);
        ASSERT_TRUE(page_->parsed());
    }

    testing::TempDir dir_;
    std::string html_;
    std::unique_ptr<ParsedPage> page_;
};

TEST_F(HtmlWriterTest, ParsesWithoutErrors) {
    EXPECT_EQ(page_->errors(), std::vector<std::string>{});
    EXPECT_EQ(page_->text("//title"), "pocketpc<&> - harness report");
}

TEST_F(HtmlWriterTest, OneSquarePerScenarioInEveryPairTable) {
    EXPECT_EQ(page_->count("//div[@class='pair']"), 3U);
    EXPECT_EQ(page_->count("//select[@id='pair-pick']/option"), 3U);
    for (const char* pair : {"p-0", "p-1", "p-2"}) {
        EXPECT_EQ(page_->count(std::string("//div[@id='") + pair + "']//table//a"), 12U) << pair;
    }
    // client x auth: the ppc2003/psk cell holds the two nat variants, scenarios 0 and 1.
    EXPECT_EQ(page_->values("//div[@id='p-0']//tr[th='ppc2003']/td[1]/a/@href"),
              (std::vector<std::string>{"#s-0", "#s-1"}));
}

TEST_F(HtmlWriterTest, SquaresAreColouredAndTitledByVerdict) {
    const scenario::RunReport report = sample_report();
    const std::vector<std::string> classes{"v-pass",  "v-fail",  "v-xfail",
                                           "v-xpass", "v-error", "v-skipped"};
    for (std::size_t n = 0; n < report.scenarios.size(); ++n) {
        const scenario::ScenarioResult& result = report.scenarios[n];
        const std::string title = result.id + ": " + std::string(to_string(result.verdict));
        const std::string xpath = "//div[@id='p-1']//a[@href='#s-" + std::to_string(n) +
                                  "' and contains(concat(' ', @class, ' '), ' " + classes[n % 6] +
                                  " ') and @title='" + title + "']";
        EXPECT_EQ(page_->count(xpath), 1U) << xpath;
    }
}

TEST_F(HtmlWriterTest, HeaderShowsCountsPerVerdict) {
    EXPECT_EQ(page_->text("//div[@id='top']//span[contains(@class, 'v-xpass')]/b"), "2");
    EXPECT_EQ(page_->text("//div[@id='top']//span[contains(@class, 'flaky')]/b"), "1");
    EXPECT_EQ(page_->count("//p[@class='banner']"), 0U);
}

TEST_F(HtmlWriterTest, FiltersCoverEveryMultiValuedDimensionAndVerdict) {
    EXPECT_EQ(page_->values("//select[@data-filter]/@data-filter"),
              (std::vector<std::string>{"data-d0", "data-d1", "data-d2", "data-verdict"}));
    EXPECT_EQ(page_->count("//select[@data-filter='data-verdict']/option"), 7U);
    EXPECT_EQ(page_->text("//details[@id='s-3']/@data-d0"), "ppc2003");
}

TEST_F(HtmlWriterTest, DrillDownHasStagesRerunCommandAndLogTail) {
    EXPECT_EQ(page_->count("//details"), 12U);
    EXPECT_EQ(page_->count("//details[@id='s-1']//table[@class='stages']//tr"), 10U);
    EXPECT_EQ(page_->text("//details[@id='s-1']//p[@class='rerun']/code"),
              "harness rerun --matrix m.json --id 'ppc2003/psk/nat' --psk ********");
    EXPECT_EQ(page_->count("//details[@id='s-1']//button[@class='copy']"), 1U);
    EXPECT_EQ(page_->values("//details[@id='s-1']//ul[@class='evidence']/li/a/@href"),
              (std::vector<std::string>{"scenarios/1/client.log", "scenarios/1/ipsec.conf",
                                        "scenarios/1/capture.pcap"}));

    const std::vector<std::string> quoted = page_->values("//details[@id='s-1']//pre");
    ASSERT_EQ(quoted.size(), 2U); // the log and the config, never the capture
    EXPECT_EQ(quoted[0].find("log-line-051"), 0U);
    EXPECT_EQ(quoted[0].find("log-line-050"), std::string::npos);
    EXPECT_NE(quoted[0].find("log-line-240 ike psk ********\n"), std::string::npos);
    EXPECT_NE(quoted[0].find("log-line-250"), std::string::npos);
    EXPECT_NE(quoted[1].find("# password ********"), std::string::npos);
}

TEST_F(HtmlWriterTest, NoSecretAndNoRemoteUrlAnywhere) {
    EXPECT_EQ(html_.find(testing::sample_psk), std::string::npos);
    EXPECT_EQ(html_.find(testing::sample_password), std::string::npos);
    EXPECT_EQ(html_.find("http://"), std::string::npos);
    EXPECT_EQ(html_.find("https://"), std::string::npos);
}

TEST(HtmlWriter, ParseCheckReportsMisnestedMarkup) {
    const ParsedPage page("<!DOCTYPE html><html><body><p><b>x</i></p></body></html>");
    EXPECT_FALSE(page.errors().empty());
}

TEST(HtmlWriter, InterruptedRunShowsBanner) {
    scenario::RunReport report = sample_report();
    report.interrupted = true;
    const ParsedPage page(render_html(report, sample_masker(), "."));
    EXPECT_EQ(page.count("//div[@id='top']/p[@class='banner']"), 1U);
}

TEST(HtmlWriter, SingleValuedDimensionGetsNoFilterAndNoPairs) {
    scenario::RunReport report = sample_report();
    report.dimensions[1].values = {"psk"};
    const ParsedPage page(render_html(report, sample_masker(), "."));
    EXPECT_EQ(page.values("//select[@data-filter]/@data-filter"),
              (std::vector<std::string>{"data-d0", "data-d2", "data-verdict"}));
    EXPECT_EQ(page.count("//div[@class='pair']"), 1U);
    EXPECT_EQ(page.count("//div[@id='p-0']//a"), 12U);
}

TEST(HtmlWriter, EvidenceOutsideTheReportFolderIsNotQuoted) {
    const testing::TempDir dir;
    testing::write_sample_evidence(dir.path() / "inner");
    scenario::RunReport report = sample_report();
    report.scenarios[0].evidence = {{"client-log", "../inner/scenarios/0/client.log"}};
    const ParsedPage page(render_html(report, sample_masker(), dir.path() / "inner"));
    EXPECT_EQ(page.count("//details[@id='s-0']//pre"), 0U);
}

} // namespace
} // namespace harness::report
