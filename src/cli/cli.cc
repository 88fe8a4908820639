#include "cli/cli.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/app.h"
#include "http/api.h"
#include "http/server.h"

namespace hoptac::cli {

namespace {

namespace fs = std::filesystem;

fs::path ExeDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path() : exe.parent_path();
}

// Finds a file shipped with the source tree (data/, web/dist) relative to the binary: build/hoptac
// looks in build/.. first.
fs::path Shipped(const fs::path& relative) {
  for (const fs::path& base : {ExeDir() / "..", ExeDir(), fs::current_path()}) {
    std::error_code ec;
    if (fs::exists(base / relative, ec)) return fs::weakly_canonical(base / relative, ec);
  }
  return {};
}

int Fail(const Status& s) {
  std::cerr << "hoptac: " << s.message() << "\n";
  for (const auto& e : s.field_errors()) std::cerr << "  " << e.field << ": " << e.message << "\n";
  return s.code() == Code::kInvalidArgument ? 2 : 1;
}

Result<std::unique_ptr<app::App>> OpenApp(const std::string& data_dir, bool serving, app::AppOptions extra) {
  fs::path thesaurus = Shipped("data/thesaurus/concepts.jsonl");
  extra.data_dir = data_dir;
  extra.thesaurus_path = thesaurus.string();
  extra.build_index = serving;
  return app::App::Open(extra);
}

// The first line of a file, without its line end (a password or secret given as a file, never on
// the command line where other users of the machine could read it).
Result<std::string> FirstLine(const std::string& file) {
  std::ifstream in(file);
  if (!in) return Status::NotFound("Cannot open " + file);
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// `format` is "jsonl", "csv", or empty: by the file's extension (.csv is CSV, anything else JSON Lines).
int Import(app::App& app, const std::string& file, bool quiet, std::string format = "", std::string csv_type = "") {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(Status::NotFound("Cannot open " + file));
  if (format.empty()) {
    std::string ext = fs::path(file).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    format = ext == ".csv" ? "csv" : "jsonl";
  }
  app::ImportOptions options{.csv_type = std::move(csv_type)};
  if (!quiet) {
    options.progress = [](const char* phase, int64_t done, int64_t total) {
      if (total > 0) std::cerr << "\r" << phase << ": " << done << " / " << total << std::flush;
      else std::cerr << "\r" << phase << ": " << done << " lines" << std::flush;
    };
  }
  auto report = format == "csv" ? app.ImportCsv(app::Principal::Cli(), in, options)
                                : app.ImportJsonl(app::Principal::Cli(), in, options);
  if (!quiet) std::cerr << "\n";
  if (!report.ok()) return Fail(report.status());
  std::cout << "imported " << report->created << " records";
  for (const auto& [type, n] : report->per_type) std::cout << ", " << type << " " << n;
  std::cout << "\n";
  return 0;
}

// Loads the demo world unless the store already holds records.
int LoadDemo(app::App& app, const std::string& demo_file) {
  auto count = app.store().Count("organisation");
  if (!count.ok()) return Fail(count.status());
  if (*count > 0) {
    std::cout << "the store already has data; demo not loaded again\n";
    return 0;
  }
  fs::path file = demo_file.empty() ? Shipped("data/demo/demo.jsonl") : fs::path(demo_file);
  if (file.empty()) return Fail(Status::NotFound("data/demo/demo.jsonl not found next to the binary"));
  return Import(app, file.string(), true);
}

bool SplitListen(const std::string& listen, std::string& host, uint16_t& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  host = listen.substr(0, colon);
  try {
    int p = std::stoi(listen.substr(colon + 1));
    if (p < 0 || p > 65535) return false;
    port = static_cast<uint16_t>(p);
  } catch (...) {
    return false;
  }
  return !host.empty();
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App cli{"hoptac: the platform of a cross-border AI application cooperation centre"};
  cli.require_subcommand(1);
  std::string data_dir = "data-dev";

  auto* serve = cli.add_subcommand("serve", "Serve the API and the web portal");
  std::string listen = "127.0.0.1:8080", web_root, port_file, access_log, demo_file;
  bool demo = false, no_response_cache = false;
  int io_threads = 2, workers = 4;
  serve->add_option("--data", data_dir, "Data directory (holds hoptac.db)")->capture_default_str();
  serve->add_option("--listen", listen, "host:port to listen on (port 0 = any free port)")->capture_default_str();
  serve->add_option("--web", web_root, "Folder of the built web portal (default: web/dist next to the binary)");
  serve->add_option("--port-file", port_file, "Write the bound port to this file once listening");
  serve->add_option("--access-log", access_log, "Access log file; '-' stdout; 'off' none (default stderr)");
  serve->add_option("--io-threads", io_threads)->capture_default_str();
  serve->add_option("--workers", workers, "Threads for store work")->capture_default_str();
  serve->add_flag("--demo", demo, "Load the demo world first if the store is empty");
  serve->add_flag("--no-response-cache", no_response_cache, "Compute every read (for benchmarks)");
  serve->add_option("--demo-file", demo_file, "The demo JSON Lines file");

  auto* demo_cmd = cli.add_subcommand("demo", "Load the demo world (the seed article, Guangxi and Vietnam)");
  demo_cmd->add_option("--data", data_dir)->capture_default_str();
  demo_cmd->add_option("--file", demo_file, "The demo JSON Lines file");

  auto* import = cli.add_subcommand("import", "Import a JSON Lines or CSV file, all or nothing");
  std::string file, import_format, csv_type;
  import->add_option("--data", data_dir)->capture_default_str();
  import->add_option("--format", import_format, "jsonl or csv (default: by the file's extension)")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  import->add_option("--type", csv_type, "CSV: the record type of rows without a `type` column");
  import->add_option("file", file, "FILE.jsonl or FILE.csv")->required();

  auto* exp = cli.add_subcommand("export", "Write every record as JSON Lines to stdout (or --out)");
  std::string out_file;
  exp->add_option("--data", data_dir)->capture_default_str();
  exp->add_option("--out", out_file, "Output file");

  auto* backup = cli.add_subcommand("backup", "Consistent copy of the store, safe while the server runs");
  std::string to;
  backup->add_option("--data", data_dir)->capture_default_str();
  backup->add_option("--to", to, "Backup file")->required();

  auto* check = cli.add_subcommand("check", "Check the store's integrity (PRAGMA integrity_check, foreign keys)");
  check->add_option("--data", data_dir)->capture_default_str();

  auto* token = cli.add_subcommand("token", "API tokens");
  token->require_subcommand(1);
  std::string token_name;
  auto* token_create = token->add_subcommand("create", "Create a token; it is printed once");
  token_create->add_option("--data", data_dir)->capture_default_str();
  token_create->add_option("--name", token_name)->required();
  auto* token_revoke = token->add_subcommand("revoke", "Revoke a token by name");
  token_revoke->add_option("--data", data_dir)->capture_default_str();
  token_revoke->add_option("--name", token_name)->required();
  auto* token_list = token->add_subcommand("list", "List tokens (names only)");
  token_list->add_option("--data", data_dir)->capture_default_str();

  std::string public_url = "http://127.0.0.1:8080", smtp_url, smtp_user, smtp_password_file,
              mail_from = "hoptac <no-reply@localhost>";
  serve->add_option("--public-url", public_url, "The portal's address, for links in e-mails; https:// makes cookies Secure")
      ->capture_default_str();
  serve->add_option("--smtp-url", smtp_url, "SMTP server for password resets and invitations: smtp://host:port or smtps://");
  serve->add_option("--smtp-user", smtp_user, "SMTP user name");
  serve->add_option("--smtp-password-file", smtp_password_file, "File whose first line is the SMTP password");
  serve->add_option("--mail-from", mail_from, "Sender of hoptac's e-mails")->capture_default_str();

  auto* user = cli.add_subcommand("user", "Accounts");
  user->require_subcommand(1);
  std::string user_email, user_name, user_role = "staff", user_lang = "en", password_file;
  std::vector<int64_t> user_orgs;
  bool user_admin = false;
  auto* user_add = user->add_subcommand("add", "Create an account (the first administrator: --admin)");
  user_add->add_option("--data", data_dir)->capture_default_str();
  user_add->add_option("--email", user_email)->required();
  user_add->add_option("--name", user_name, "Display name")->required();
  user_add->add_flag("--admin", user_admin, "Centre administrator (same as --role admin)");
  user_add->add_option("--role", user_role, "admin, staff, editor or trainee")->capture_default_str();
  user_add->add_option("--org", user_orgs, "Organisation id the user belongs to (repeatable)");
  user_add->add_option("--lang", user_lang, "zh-Hans, vi, en or fr")->capture_default_str();
  user_add->add_option("--password-file", password_file,
                       "File whose first line is the password (else read from standard input)");
  auto* user_list = user->add_subcommand("list", "List accounts");
  user_list->add_option("--data", data_dir)->capture_default_str();

  CLI11_PARSE(cli, argc, argv);

  app::AppOptions extra{.public_url = public_url};
  if (serve->parsed() && !smtp_url.empty()) {
    extra.mail = {.smtp_url = smtp_url, .username = smtp_user, .from = mail_from};
    if (!smtp_password_file.empty()) {
      auto pw = FirstLine(smtp_password_file);
      if (!pw.ok()) return Fail(pw.status());
      extra.mail.password = *pw;
    }
  }
  auto opened = OpenApp(data_dir, serve->parsed(), extra);
  if (!opened.ok()) return Fail(opened.status());
  app::App& app = **opened;

  if (*serve) {
    if (demo) {
      if (int rc = LoadDemo(app, demo_file); rc != 0) return rc;
    }
    http::ServerOptions options;
    if (!SplitListen(listen, options.host, options.port)) {
      return Fail(Status::InvalidArgument("--listen must be host:port, e.g. 127.0.0.1:8080"));
    }
    options.io_threads = io_threads;
    options.worker_threads = workers;
    options.web_root = web_root.empty() ? Shipped("web/dist").string() : web_root;
    if (!access_log.empty()) options.access_log = access_log;
    app.CatchUp();  // the demo, if just loaded
    app.StartFollowing();
    auto stats = app.IndexStats();
    std::cout << "index: " << stats.documents << " documents, " << stats.terms << " terms" << std::endl;
    http::Api api(app, {.response_cache = !no_response_cache});
    http::Server server(options, api);
    if (Status s = server.Start(); !s.ok()) return Fail(s);
    std::cout << "hoptac listening on http://" << options.host << ":" << server.port() << "/" << std::endl;
    if (!port_file.empty()) {
      std::string tmp = port_file + ".tmp";
      std::ofstream(tmp) << server.port() << "\n";
      fs::rename(tmp, port_file);
    }
    server.Wait();
    std::cout << "hoptac stopped" << std::endl;
    return 0;
  }
  if (*demo_cmd) return LoadDemo(app, demo_file);
  if (*import) return Import(app, file, false, import_format, csv_type);
  if (*exp) {
    Status s;
    if (out_file.empty()) {
      s = app.ExportJsonl(app::Principal::Cli(), std::cout);
    } else {
      std::ofstream out(out_file, std::ios::binary);
      s = app.ExportJsonl(app::Principal::Cli(), out);
    }
    return s.ok() ? 0 : Fail(s);
  }
  if (*backup) {
    Status s = app.Backup(to);
    if (!s.ok()) return Fail(s);
    std::cout << "backup written to " << to << "\n";
    return 0;
  }
  if (*check) {
    auto report = app.store().IntegrityCheck();
    if (!report.ok()) return Fail(report.status());
    std::cout << *report << "\n";
    return *report == "ok" ? 0 : 1;
  }
  if (*token_create) {
    auto t = app.CreateToken(token_name);
    if (!t.ok()) return Fail(t.status());
    std::cout << *t << "\n";
    return 0;
  }
  if (*token_revoke) {
    Status s = app.RevokeToken(token_name);
    return s.ok() ? 0 : Fail(s);
  }
  if (*user_add) {
    std::string password;
    if (!password_file.empty()) {
      auto pw = FirstLine(password_file);
      if (!pw.ok()) return Fail(pw.status());
      password = *pw;
    } else {
      if (isatty(STDIN_FILENO)) std::cerr << "password: " << std::flush;
      std::getline(std::cin, password);
    }
    auto created = app.CreateUser(app::Principal::Cli(), {.email = user_email,
                                                           .display_name = user_name,
                                                           .lang = user_lang,
                                                           .role = user_admin ? "admin" : user_role,
                                                           .organisations = user_orgs,
                                                           .password = password});
    if (!created.ok()) return Fail(created.status());
    std::cout << "user " << created->id << " " << created->email << " (" << created->role << ")\n";
    return 0;
  }
  if (*user_list) {
    auto users = app.ListUsers(app::Principal::Cli());
    if (!users.ok()) return Fail(users.status());
    for (const auto& u : *users) std::cout << u.id << "\t" << u.email << "\t" << u.role << "\t" << u.status << "\n";
    return 0;
  }
  if (*token_list) {
    auto tokens = app.store().ListTokens(0);
    if (!tokens.ok()) return Fail(tokens.status());
    for (const auto& t : *tokens) std::cout << t.name << "\t" << t.created_at << (t.revoked ? "\trevoked" : "") << "\n";
    return 0;
  }
  return 0;
}

}  // namespace hoptac::cli
