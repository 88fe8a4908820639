// The SMTP mailer (app/mail.h) against a real SMTP server (tests/support/smtp_sink) through real
// libcurl: what arrives decodes back to what was sent, in Chinese, Vietnamese and French; what must
// be refused is refused before anything is sent; servers that are away or say no give Unavailable
// without leaking the password. And the four languages of the templates.
#include "app/mail.h"

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/smtp_sink.h"

namespace hoptac::app {
namespace {

using std::chrono::milliseconds;
using test_support::ParsedMail;
using test_support::ParseMail;
using test_support::SmtpSink;

constexpr milliseconds kWait{5000};

MailConfig ConfigFor(const SmtpSink& sink) {
  return MailConfig{.smtp_url = sink.url(), .from = "合作中心 hoptac <no-reply@hoptac.example.org>"};
}

std::unique_ptr<Mailer> MustMake(MailConfig config) {
  auto mailer = MakeSmtpMailer(std::move(config));
  EXPECT_TRUE(mailer.ok()) << mailer.status().ToString();
  return mailer.ok() ? std::move(mailer).value() : MakeNullMailer();
}

std::string Lf(std::string s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;
    out += s[i];
  }
  return out;
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

// Every line of a raw message, CRLF-terminated and at most 76 characters, and nothing but ASCII.
void ExpectWellFormedLines(const std::string& raw) {
  size_t start = 0;
  while (start < raw.size()) {
    const size_t end = raw.find("\r\n", start);
    ASSERT_NE(end, std::string::npos) << "a line without CRLF at " << start;
    const std::string line = raw.substr(start, end - start);
    EXPECT_LE(line.size(), 76u) << line;
    EXPECT_EQ(line.find('\n'), std::string::npos) << "bare LF in: " << line;
    for (char c : line) EXPECT_TRUE(c >= 0x20 && c < 0x7F) << "non-ASCII byte in: " << line;
    start = end + 2;
  }
}

// The encoded words of a raw header value, each of which must hold whole UTF-8 characters.
void ExpectWholeCharactersPerWord(const std::string& raw_value) {
  static const std::regex word_pattern(R"(=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=)");
  int words = 0;
  for (std::sregex_iterator it(raw_value.begin(), raw_value.end(), word_pattern), end; it != end; ++it, ++words) {
    EXPECT_LE(it->str().size(), 75u);
    auto decoded = test_support::DecodeBase64((*it)[1].str());
    ASSERT_TRUE(decoded.has_value()) << it->str();
    EXPECT_TRUE(IsValidUtf8(*decoded)) << "an encoded word splits a character: " << it->str();
  }
  EXPECT_GT(words, 0) << raw_value;
}

struct Delivered {
  SmtpSink::Received envelope;
  ParsedMail mail;
};

// Sends one message through a fresh sink and returns what arrived.
Delivered SendAndReceive(const MailMessage& message,
                         std::string from = "合作中心 hoptac <no-reply@hoptac.example.org>") {
  SmtpSink sink;
  MailConfig config = ConfigFor(sink);
  config.from = std::move(from);
  auto mailer = MustMake(config);
  const Status sent = mailer->Send(message);
  EXPECT_TRUE(sent.ok()) << sent.ToString();
  EXPECT_TRUE(sink.WaitFor(1, kWait));
  auto received = sink.Messages();
  if (received.size() != 1) {
    ADD_FAILURE() << received.size() << " messages arrived";
    return {};
  }
  ExpectWellFormedLines(received[0].data);
  auto mail = ParseMail(received[0].data);
  if (!mail) {
    ADD_FAILURE() << "the message does not parse:\n" << received[0].data;
    return {received[0], {}};
  }
  return {received[0], *mail};
}

// --- Delivery --------------------------------------------------------------------------------

TEST(SmtpMailer, DeliversAChineseMessageThatDecodesBackToWhatWasSent) {
  const std::string link = "https://hoptac.example.org/reset?token=abc123_DEF-456";
  const MailMessage message{
      .to = "阮氏秋 <thu.nguyen@example.vn>",
      .subject = "重置您的 hoptac 密码",
      .text = "阮氏秋，您好：\n\n请打开以下链接：\n\n" + link + "\n\n—— hoptac\n",
  };
  const Delivered d = SendAndReceive(message);

  EXPECT_EQ(d.envelope.mail_from, "no-reply@hoptac.example.org");
  EXPECT_EQ(d.envelope.recipients, std::vector<std::string>{"thu.nguyen@example.vn"});
  EXPECT_EQ(d.mail.Header("From"), "合作中心 hoptac <no-reply@hoptac.example.org>");
  EXPECT_EQ(d.mail.Header("To"), "阮氏秋 <thu.nguyen@example.vn>");
  EXPECT_EQ(d.mail.Header("Subject"), message.subject);
  EXPECT_EQ(d.mail.Header("MIME-Version"), "1.0");
  EXPECT_EQ(d.mail.Header("Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(d.mail.Header("Content-Transfer-Encoding"), "base64");
  EXPECT_TRUE(std::regex_match(
      d.mail.Header("Date").value_or(""),
      std::regex(
          R"((Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000)")))
      << d.mail.Header("Date").value_or("(none)");
  EXPECT_TRUE(
      std::regex_match(d.mail.Header("Message-ID").value_or(""), std::regex(R"(<[0-9a-z.]+@hoptac\.example\.org>)")))
      << d.mail.Header("Message-ID").value_or("(none)");
  EXPECT_EQ(Lf(d.mail.body), message.text);
  EXPECT_NE(d.mail.body.find(link), std::string::npos);
  ExpectWholeCharactersPerWord(d.mail.RawHeader("Subject").value_or(""));
}

TEST(SmtpMailer, LongVietnameseAndFrenchSubjectsAreSplitBetweenCharacters) {
  const std::vector<std::string> subjects = {
      "Lời mời tham gia chương trình đào tạo ứng dụng trí tuệ nhân tạo trong nông nghiệp tại Lạng Sơn và Quảng Tây",
      "Réinitialisation de votre mot de passe : coopération Chine–ASEAN en intelligence artificielle, « hợp tác »",
      "中国—东盟人工智能应用合作中心邀请您参加在南宁举办的人工智能与智慧农业培训班，请尽快确认",
      "Plain ASCII subject that is much longer than one line of seventy-six characters, folded",
  };
  for (const auto& subject : subjects) {
    SCOPED_TRACE(subject);
    const MailMessage message{.to = "a@example.org", .subject = subject, .text = "Xin chào,\nĐây là thư thử.\n"};
    const Delivered d = SendAndReceive(message);
    EXPECT_EQ(d.mail.Header("Subject"), subject);
    EXPECT_EQ(Lf(d.mail.body), message.text);
    ExpectWholeCharactersPerWord(d.mail.RawHeader("Subject").value_or(""));
  }
}

TEST(SmtpMailer, DisplayNamesAreEncodedAndBareAddressesKept) {
  const MailMessage message{.to = "\"Trần, Văn Bình\" <binh@example.vn>", .subject = "Test", .text = "x"};
  const Delivered d = SendAndReceive(message, "no-reply@hoptac.example.org");
  EXPECT_EQ(d.mail.Header("From"), "no-reply@hoptac.example.org");
  EXPECT_EQ(d.mail.Header("To"), "Trần, Văn Bình <binh@example.vn>");
  EXPECT_EQ(d.mail.RawHeader("Subject"), "Test");
  EXPECT_EQ(d.envelope.recipients, std::vector<std::string>{"binh@example.vn"});
}

TEST(SmtpMailer, BodyLineEndsAreSentAsCrlfAndLongBodiesWrap) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "Dòng số " + std::to_string(i) + " — ligne — 第" + std::to_string(i) + "行\r\n";
  text += "no final line end";
  const Delivered d = SendAndReceive(MailMessage{.to = "a@example.org", .subject = "Body", .text = text});
  EXPECT_EQ(d.mail.body, text);
}

TEST(SmtpMailer, IsSafeToShareBetweenThreads) {
  SmtpSink sink;
  auto mailer = MustMake(ConfigFor(sink));
  constexpr int kThreads = 6, kEach = 5;
  std::vector<std::thread> threads;
  std::atomic<int> failures = 0;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string to = "user" + std::to_string(t) + "." + std::to_string(i) + "@example.org";
        if (!mailer->Send(MailMessage{.to = to, .subject = "Thư " + to, .text = to}).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  ASSERT_TRUE(sink.WaitFor(kThreads * kEach, kWait));
  std::set<std::string> subjects;
  for (const auto& m : sink.Messages()) {
    auto mail = ParseMail(m.data);
    ASSERT_TRUE(mail.has_value());
    EXPECT_EQ(mail->Header("Subject"), "Thư " + m.recipients.at(0));
    subjects.insert(mail->Header("Subject").value_or(""));
  }
  EXPECT_EQ(subjects.size(), static_cast<size_t>(kThreads * kEach));
}

TEST(SmtpMailer, AuthenticatesWhenTheServerAsks) {
  SmtpSink sink(SmtpSink::Options{.user = "hoptac", .password = "correct horse"});
  MailConfig config = ConfigFor(sink);
  config.username = "hoptac";
  config.password = "correct horse";
  auto mailer = MustMake(config);
  ASSERT_TRUE(mailer->Send(MailMessage{.to = "a@example.org", .subject = "s", .text = "t"}).ok());
  ASSERT_TRUE(sink.WaitFor(1, kWait));
  EXPECT_EQ(sink.Messages().at(0).auth_user, "hoptac");
}

// --- Refused before sending ----------------------------------------------------------------

TEST(SmtpMailer, RefusesHeaderInjection) {
  SmtpSink sink;
  auto mailer = MustMake(ConfigFor(sink));
  const std::vector<MailMessage> attacks = {
      {.to = "a@example.org\r\nBcc: victim@example.org", .subject = "s", .text = "t"},
      {.to = "a@example.org\nBcc: victim@example.org", .subject = "s", .text = "t"},
      {.to = "Eve\r\n <a@example.org>", .subject = "s", .text = "t"},
      {.to = "a@example.org", .subject = "Hello\r\nBcc: victim@example.org", .text = "t"},
      {.to = "a@example.org", .subject = "Hello\nContent-Type: text/html", .text = "t"},
      {.to = "a@example.org", .subject = "Hello\r", .text = "t"},
  };
  for (const auto& m : attacks) {
    const Status s = mailer->Send(m);
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << m.to << " / " << m.subject << ": " << s.ToString();
    ASSERT_EQ(s.field_errors().size(), 1u);
    EXPECT_EQ(s.field_errors()[0].code, "header_injection");
  }

  MailConfig bad_from = ConfigFor(sink);
  bad_from.from = "hoptac <no-reply@example.org>\r\nBcc: victim@example.org";
  auto refused = MakeSmtpMailer(bad_from);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kInvalidArgument);

  EXPECT_FALSE(sink.WaitFor(1, milliseconds(200)));
  EXPECT_TRUE(sink.Messages().empty());
}

TEST(SmtpMailer, RefusesWhatIsNotAnAddress) {
  SmtpSink sink;
  auto mailer = MustMake(ConfigFor(sink));
  for (const std::string to :
       {"", "not-an-address", "a@", "@example.org", "a b@example.org", "<a@example.org", "a@exa mple.org",
        "a..b@example.org", "thư@example.vn", "a@example.org>, b@example.org"}) {
    const Status s = mailer->Send(MailMessage{.to = to, .subject = "s", .text = "t"});
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << "'" << to << "': " << s.ToString();
  }
  EXPECT_TRUE(sink.Messages().empty());
}

TEST(SmtpMailer, RefusesABadConfiguration) {
  for (const std::string url : {"", "http://127.0.0.1:25", "127.0.0.1:25", "smtp://", "imap://mail.example.org"}) {
    auto mailer = MakeSmtpMailer(MailConfig{.smtp_url = url, .from = "a@example.org"});
    ASSERT_FALSE(mailer.ok()) << url;
    EXPECT_EQ(mailer.status().code(), Code::kInvalidArgument) << url;
  }
  EXPECT_FALSE(MakeSmtpMailer(MailConfig{.smtp_url = "smtp://127.0.0.1:25", .from = "nobody"}).ok());
  EXPECT_FALSE(MakeSmtpMailer(MailConfig{.smtp_url = "smtp://127.0.0.1:25", .from = "a@b.org", .timeout_ms = 0}).ok());
  EXPECT_TRUE(MakeSmtpMailer(MailConfig{.smtp_url = "smtps://mail.example.org", .from = "a@b.org"}).ok());
}

// --- Servers that are away or say no ------------------------------------------------------

TEST(SmtpMailer, UnreachableServerIsUnavailableQuicklyAndNeverShowsThePassword) {
  uint16_t closed_port = 0;
  {
    SmtpSink gone;
    closed_port = gone.port();
  }
  const std::string url = "smtp://mailer:url-secret@127.0.0.1:" + std::to_string(closed_port);
  auto mailer =
      MustMake(MailConfig{.smtp_url = url, .username = "hoptac", .password = "option-secret", .from = "a@example.org"});
  const auto start = std::chrono::steady_clock::now();
  const Status s = mailer->Send(MailMessage{.to = "b@example.org", .subject = "s", .text = "t"});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(s.code(), Code::kUnavailable) << s.ToString();
  EXPECT_LT(elapsed, std::chrono::seconds(2));
  EXPECT_NE(s.message().find("smtp://127.0.0.1:" + std::to_string(closed_port)), std::string::npos) << s.message();
  EXPECT_EQ(s.ToString().find("secret"), std::string::npos) << s.ToString();
}

TEST(SmtpMailer, RefusingServerIsUnavailableWithItsReply) {
  struct Case {
    SmtpSink::Refuse refuse;
    std::string reply;  // what the sink says, quoted in the message
  };
  for (const auto& c : {Case{SmtpSink::Refuse::kGreeting, "554 5.3.2"}, Case{SmtpSink::Refuse::kMailFrom, "550 5.7.1"},
                        Case{SmtpSink::Refuse::kRcptTo, "550 5.1.1 mailbox unavailable: b@example.org"},
                        Case{SmtpSink::Refuse::kData, "554 5.6.0"}}) {
    SCOPED_TRACE(c.reply);
    SmtpSink sink(SmtpSink::Options{.refuse = c.refuse});
    auto mailer = MustMake(ConfigFor(sink));
    const Status s = mailer->Send(MailMessage{.to = "b@example.org", .subject = "s", .text = "t"});
    EXPECT_EQ(s.code(), Code::kUnavailable) << s.ToString();
    EXPECT_NE(s.message().find(c.reply), std::string::npos) << s.message();
    EXPECT_TRUE(sink.Messages().empty());
  }
}

TEST(SmtpMailer, WrongCredentialsAreUnavailableWithoutThePassword) {
  SmtpSink sink(SmtpSink::Options{.user = "hoptac", .password = "right"});
  MailConfig config = ConfigFor(sink);
  config.username = "hoptac";
  config.password = "wrong-password-value";
  auto mailer = MustMake(config);
  const Status s = mailer->Send(MailMessage{.to = "b@example.org", .subject = "s", .text = "t"});
  EXPECT_EQ(s.code(), Code::kUnavailable) << s.ToString();
  EXPECT_EQ(s.ToString().find("wrong-password-value"), std::string::npos) << s.ToString();
  EXPECT_TRUE(sink.Messages().empty());
}

TEST(SmtpMailer, RequiredTlsThatTheServerDoesNotOfferIsUnavailable) {
  SmtpSink sink;
  MailConfig config = ConfigFor(sink);
  config.require_tls = true;
  auto mailer = MustMake(config);
  const Status s = mailer->Send(MailMessage{.to = "b@example.org", .subject = "s", .text = "t"});
  EXPECT_EQ(s.code(), Code::kUnavailable) << s.ToString();
  EXPECT_NE(s.message().find("TLS"), std::string::npos) << s.message();
  EXPECT_TRUE(sink.Messages().empty());
}

TEST(NullMailer, SaysThatEmailIsNotConfigured) {
  const Status s = MakeNullMailer()->Send(MailMessage{.to = "a@example.org", .subject = "s", .text = "t"});
  EXPECT_EQ(s.code(), Code::kUnavailable);
  EXPECT_NE(s.message().find("--smtp-url"), std::string::npos) << s.message();
}

// --- The sink itself ----------------------------------------------------------------------

size_t ReadFrom(char* buffer, size_t size, size_t count, void* user) {
  auto* data = static_cast<std::string_view*>(user);
  const size_t n = std::min(size * count, data->size());
  std::memcpy(buffer, data->data(), n);
  data->remove_prefix(n);
  return n;
}

TEST(SmtpSink, UnstuffsDotsAndKeepsEveryRecipient) {
  SmtpSink sink;
  const std::string raw = "Subject: dots\r\n\r\n.leading dot\r\n..two dots\r\n.\r\nend\r\n";
  std::string_view upload = raw;
  CURL* curl = curl_easy_init();
  ASSERT_NE(curl, nullptr);
  curl_slist* rcpt = curl_slist_append(nullptr, "<a@example.org>");
  rcpt = curl_slist_append(rcpt, "<b@example.org>");
  curl_easy_setopt(curl, CURLOPT_URL, (sink.url() + "/client.example").c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, "<sender@example.org>");
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, &ReadFrom);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);
  ASSERT_EQ(rc, CURLE_OK) << curl_easy_strerror(rc);
  ASSERT_TRUE(sink.WaitFor(1, kWait));
  const auto m = sink.Messages().at(0);
  EXPECT_EQ(m.helo, "client.example");
  EXPECT_EQ(m.mail_from, "sender@example.org");
  EXPECT_EQ(m.recipients, (std::vector<std::string>{"a@example.org", "b@example.org"}));
  EXPECT_EQ(m.data, raw);
}

// --- Templates ----------------------------------------------------------------------------

constexpr const char* kLangs[] = {"zh-Hans", "vi", "en", "fr"};

TEST(MailTemplates, ResetPasswordIsWrittenInFourLanguagesWithTheLink) {
  const std::string link = "https://hoptac.example.org/reset#t=XYZ";
  std::set<std::string> subjects, texts;
  for (const std::string lang : kLangs) {
    SCOPED_TRACE(lang);
    const MailMessage m = ResetPasswordMail(lang, "lan@example.vn", "Lan", link, 30);
    EXPECT_EQ(m.to, "lan@example.vn");
    EXPECT_NE(m.text.find(link), std::string::npos);
    EXPECT_NE(m.text.find("Lan"), std::string::npos);
    EXPECT_NE(m.text.find("30"), std::string::npos);
    EXPECT_NE(m.text.find("lan@example.vn"), std::string::npos);
    EXPECT_EQ(m.text.find('{'), std::string::npos) << "a placeholder left: " << m.text;
    EXPECT_TRUE(IsValidUtf8(m.subject) && IsValidUtf8(m.text));
    subjects.insert(m.subject);
    texts.insert(m.text);
  }
  EXPECT_EQ(subjects.size(), 4u);
  EXPECT_EQ(texts.size(), 4u);
  EXPECT_NE(ResetPasswordMail("zh-Hans", "a@b.org", "", link, 30).subject.find("密码"), std::string::npos);
  EXPECT_NE(ResetPasswordMail("vi", "a@b.org", "", link, 30).subject.find("mật khẩu"), std::string::npos);
  EXPECT_NE(ResetPasswordMail("fr", "a@b.org", "", link, 30).subject.find("mot de passe"), std::string::npos);
  EXPECT_NE(ResetPasswordMail("en", "a@b.org", "", link, 1).text.find("1 minute:"), std::string::npos);
}

TEST(MailTemplates, LanguageTagsPickTheirLanguageAndOthersReadEnglish) {
  auto subject = [](const std::string& lang) { return ResetPasswordMail(lang, "a@b.org", "A", "L", 30).subject; };
  EXPECT_EQ(subject("zh"), subject("zh-Hans"));
  EXPECT_EQ(subject("zh-CN"), subject("zh-Hans"));
  EXPECT_EQ(subject("vi-VN"), subject("vi"));
  EXPECT_EQ(subject("FR-fr"), subject("fr"));
  EXPECT_EQ(subject("de"), subject("en"));
  EXPECT_EQ(subject(""), subject("en"));
  EXPECT_EQ(subject("fil"), subject("en"));  // Filipino is not French
  EXPECT_EQ(subject("vie"), subject("en"));
}

TEST(MailTemplates, InvitationIsWrittenInFourLanguagesWithRoleOrganisationAndLink) {
  const std::string link = "https://hoptac.example.org/invite/abc";
  std::set<std::string> subjects, texts;
  for (const std::string lang : kLangs) {
    SCOPED_TRACE(lang);
    const MailMessage m =
        InvitationMail(lang, "hoa@example.vn", "李明", "Sở Khoa học và Công nghệ Lạng Sơn", "editor", link, 72);
    EXPECT_NE(m.subject.find("李明"), std::string::npos);
    EXPECT_NE(m.text.find(link), std::string::npos);
    EXPECT_NE(m.text.find("Sở Khoa học và Công nghệ Lạng Sơn"), std::string::npos);
    EXPECT_NE(m.text.find(RoleLabel(lang, "editor")), std::string::npos);
    EXPECT_NE(m.text.find("72"), std::string::npos);
    EXPECT_EQ(m.text.find('{'), std::string::npos) << m.text;
    subjects.insert(m.subject);
    texts.insert(m.text);

    const MailMessage centre = InvitationMail(lang, "a@b.org", "", "", "staff", link, 1);
    EXPECT_FALSE(centre.subject.empty());
    EXPECT_NE(centre.subject.front(), ' ') << centre.subject;
    EXPECT_NE(centre.text.find(RoleLabel(lang, "staff")), std::string::npos);
  }
  EXPECT_EQ(subjects.size(), 4u);
  EXPECT_EQ(texts.size(), 4u);
  EXPECT_EQ(InvitationMail("en", "a@b.org", "X", "", "trainee", link, 48).text.find("Organisation"), std::string::npos);
  // A name with a line break still makes a one-line subject that Send accepts.
  EXPECT_EQ(InvitationMail("en", "a@b.org", "Eve\r\nBcc: x@y.org", "", "admin", link, 2).subject.find_first_of("\r\n"),
            std::string::npos);
}

TEST(MailTemplates, RolesHaveALabelInEachLanguage) {
  for (const std::string lang : kLangs) {
    std::set<std::string> labels;
    for (const std::string role : {"admin", "staff", "editor", "trainee"}) {
      const std::string label = RoleLabel(lang, role);
      EXPECT_FALSE(label.empty());
      labels.insert(label);
    }
    EXPECT_EQ(labels.size(), 4u) << lang;
  }
  EXPECT_EQ(RoleLabel("vi", "admin"), "Quản trị viên trung tâm");
  EXPECT_EQ(RoleLabel("zh-Hans", "trainee"), "学员");
  EXPECT_EQ(RoleLabel("fr", "observer"), "observer");
}

TEST(MailTemplates, EveryTemplateArrivesIntactThroughSmtp) {
  for (const std::string lang : kLangs) {
    SCOPED_TRACE(lang);
    for (const MailMessage& m :
         {ResetPasswordMail(lang, "Nguyễn Thị Hoa <hoa@example.vn>", "Nguyễn Thị Hoa", "https://h.example/r?t=1", 30),
          InvitationMail(lang, "hoa@example.vn", "Lê Văn Nam", "广西壮族自治区科学技术厅", "admin",
                         "https://h.example/i?t=2", 72)}) {
      const Delivered d = SendAndReceive(m);
      EXPECT_EQ(d.mail.Header("Subject"), m.subject);
      EXPECT_EQ(Lf(d.mail.body), m.text);
    }
  }
}

}  // namespace
}  // namespace hoptac::app
