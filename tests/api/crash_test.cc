// Durability under kill -9 (DESIGN.md section 7): writers create records as fast as they can, the
// server is SIGKILLed mid-load, and after a restart on the same data directory every create that
// was acknowledged with 201 is there with the same content, and `hoptac check` finds the store
// sound. Three rounds on one data directory. Labelled slow.
#include <atomic>
#include <map>
#include <thread>
#include <vector>

#include "api/harness.h"

namespace hoptac::api_test {
namespace {

using namespace std::chrono_literals;

constexpr int kWriters = 4;
constexpr int kRounds = 3;
constexpr auto kLoadBeforeKill = 1500ms;

struct Acked {
  int64_t id = 0;
  std::string ref;
  Json body;  // what was sent
};

int64_t Id(const Json& record) {
  auto it = record.find("id");
  return it != record.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

Json OrganisationBody(const std::string& ref, int n) {
  static const char* kNames[] = {"Hợp tác xã Nông nghiệp Đồng Tâm", "Sở Khoa học và Công nghệ Thái Bình",
                                 "Trường Đại học Nông Lâm Bắc Giang", "Công ty Cổ phần Giải pháp Số Hải Phòng"};
  return {{"ref", ref},
          {"name", {{"lang", "vi"}, {"text", std::string(kNames[n % 4]) + " số " + std::to_string(n)}}},
          {"kind", n % 2 == 0 ? "cooperative" : "enterprise"},
          {"country", "VN"},
          {"locality", "Thái Bình"},
          {"description", {{"lang", "vi"}, {"text", "Ghi nhận khi tải cao, vòng " + ref}}}};
}

class CrashTest : public ServerTest {
 protected:
  void ExpectStoreSound(const std::string& when) {
    CliResult check = RunCli({"check", "--data", data_dir().string()});
    EXPECT_EQ(check.exit_code, 0) << when << ": " << check.out << check.err;
    EXPECT_EQ(check.out, "ok\n") << when;
  }
};

TEST_F(CrashTest, KillNineUnderWriteLoadLosesNoAcknowledgedCreate) {
  std::vector<Acked> acked;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round + 1));
    std::atomic<bool> stop{false};
    std::atomic<int> unexpected{0};
    std::vector<std::vector<Acked>> per_writer(kWriters);
    std::vector<std::thread> writers;
    const uint16_t port = server().port();
    for (int w = 0; w < kWriters; ++w) {
      writers.emplace_back([&, w] {
        HttpClient client(port, token());
        client.set_timeout(5s);
        for (int n = 0; !stop.load() && n < 1000000; ++n) {
          const std::string ref = "crash-r" + std::to_string(round) + "-w" + std::to_string(w) + "-" + std::to_string(n);
          Json body = OrganisationBody(ref, n);
          HttpResponse r = client.Post("/api/v1/organisations", body);
          if (r.status == 201) {
            per_writer[w].push_back({Id(r.json()), ref, std::move(body)});
          } else if (r.status != 0) {
            ++unexpected;  // an HTTP answer other than 201 under load
            if (unexpected.load() <= 3) ADD_FAILURE() << "create under load: " << r.Describe();
          } else if (!stop.load()) {
            std::this_thread::sleep_for(2ms);  // the server is going away
          }
        }
      });
    }
    std::this_thread::sleep_for(kLoadBeforeKill);
    ASSERT_NO_FATAL_FAILURE(server().Kill());
    stop = true;
    for (auto& t : writers) t.join();
    size_t this_round = 0;
    for (auto& list : per_writer) {
      this_round += list.size();
      acked.insert(acked.end(), std::make_move_iterator(list.begin()), std::make_move_iterator(list.end()));
    }
    EXPECT_GT(this_round, 0u) << "no create was acknowledged before the kill";
    EXPECT_EQ(unexpected.load(), 0);

    ExpectStoreSound("right after kill -9");
    ASSERT_NO_FATAL_FAILURE(StartServer());

    std::map<int64_t, Json> stored;
    for (auto& item : ListAll("organisations")) stored[Id(item)] = item;
    EXPECT_GE(stored.size(), acked.size());
    size_t missing = 0, changed = 0;
    for (const auto& a : acked) {
      auto it = stored.find(a.id);
      if (it == stored.end()) {
        if (++missing <= 5) ADD_FAILURE() << "acknowledged create lost: id " << a.id << " ref " << a.ref;
        continue;
      }
      Json got = it->second;
      Json expected = a.body;
      bool same = got.value("ref", "") == a.ref && got["name"] == expected["name"] &&
                  got["kind"] == expected["kind"] && got["country"] == expected["country"] &&
                  got["locality"] == expected["locality"] && got["description"] == expected["description"] &&
                  got.value("version", 0) == 1;
      if (!same && ++changed <= 5) ADD_FAILURE() << "acknowledged create changed: sent " << a.body.dump() << " got " << got.dump();
    }
    EXPECT_EQ(missing, 0u) << "of " << acked.size() << " acknowledged creates";
    EXPECT_EQ(changed, 0u);
    std::cerr << "round " << round + 1 << ": " << this_round << " creates acknowledged, " << stored.size()
              << " organisations stored\n";
  }
  ASSERT_NO_FATAL_FAILURE(server().Stop());
  ExpectStoreSound("after a clean stop");
}

}  // namespace
}  // namespace hoptac::api_test
