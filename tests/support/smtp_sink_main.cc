// hoptac-smtp-sink: runs a SmtpSink until SIGTERM or SIGINT and files every message it accepts, so
// that black-box tests can start `hoptac serve --smtp-url smtp://127.0.0.1:PORT` and read what the
// server sent.
//
//   hoptac-smtp-sink --dir DIR [--port-file FILE] [--port N] [--refuse greeting|mail|rcpt|data]
//                    [--user U --password P]
//
// Each message becomes DIR/NNNNNN.eml (the raw message, CRLF line ends) with, beside it,
// DIR/NNNNNN.envelope ("helo: ...", "auth: ...", "from: ...", one "to: ..." per recipient). The
// .envelope is written first and the .eml renamed into place last, so a message is complete once
// its .eml exists. The port is printed on stdout and, with --port-file, written to FILE (also
// renamed into place, so a reader never sees half of it).
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "support/smtp_sink.h"

namespace {

namespace fs = std::filesystem;
using hoptac::test_support::SmtpSink;

int Usage(const std::string& why) {
  std::cerr << "hoptac-smtp-sink: " << why << "\n"
            << "usage: hoptac-smtp-sink --dir DIR [--port-file FILE] [--port N] "
               "[--refuse greeting|mail|rcpt|data] [--user U --password P]\n";
  return 2;
}

bool WriteAtomically(const fs::path& path, std::string_view content) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) return false;
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  return !ec;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path dir, port_file;
  SmtpSink::Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) return Usage("missing value after " + std::string(arg));
    const std::string value = argv[++i];
    if (arg == "--dir") {
      dir = value;
    } else if (arg == "--port-file") {
      port_file = value;
    } else if (arg == "--port") {
      options.port = static_cast<uint16_t>(std::atoi(value.c_str()));
    } else if (arg == "--user") {
      options.user = value;
    } else if (arg == "--password") {
      options.password = value;
    } else if (arg == "--refuse") {
      static constexpr std::pair<std::string_view, SmtpSink::Refuse> kSteps[] = {
          {"greeting", SmtpSink::Refuse::kGreeting},
          {"mail", SmtpSink::Refuse::kMailFrom},
          {"rcpt", SmtpSink::Refuse::kRcptTo},
          {"data", SmtpSink::Refuse::kData},
      };
      const auto* step =
          std::find_if(std::begin(kSteps), std::end(kSteps), [&](const auto& s) { return s.first == value; });
      if (step == std::end(kSteps)) return Usage("--refuse takes greeting, mail, rcpt or data");
      options.refuse = step->second;
    } else {
      return Usage("unknown option " + std::string(arg));
    }
  }
  if (dir.empty()) return Usage("--dir is required");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Usage("cannot create " + dir.string() + ": " + ec.message());

  std::mutex mu;
  int count = 0;
  options.on_message = [&](const SmtpSink::Received& m) {
    std::lock_guard lock(mu);
    char name[16];
    std::snprintf(name, sizeof name, "%06d", ++count);
    std::string envelope = "helo: " + m.helo + "\nauth: " + m.auth_user + "\nfrom: " + m.mail_from + "\n";
    for (const auto& r : m.recipients) envelope += "to: " + r + "\n";
    if (!WriteAtomically(dir / (std::string(name) + ".envelope"), envelope) ||
        !WriteAtomically(dir / (std::string(name) + ".eml"), m.data)) {
      std::cerr << "hoptac-smtp-sink: cannot write message " << name << " into " << dir << "\n";
    }
  };

  // Block the signals before the sink's thread starts, so that it inherits the mask and only
  // sigwait below sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  try {
    SmtpSink sink(std::move(options));
    std::cout << sink.port() << std::endl;
    if (!port_file.empty() && !WriteAtomically(port_file, std::to_string(sink.port()) + "\n")) {
      std::cerr << "hoptac-smtp-sink: cannot write " << port_file << "\n";
      return 1;
    }
    int signal_number = 0;
    sigwait(&signals, &signal_number);
  } catch (const std::exception& e) {
    std::cerr << "hoptac-smtp-sink: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
