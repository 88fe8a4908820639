// The hoptac command line: serve, demo, import, export, backup, token. Each subcommand parses its
// options and calls app::App; nothing here knows SQL or HTTP internals.
#pragma once

namespace hoptac::cli {

// Runs the command line; returns the process exit code.
int Main(int argc, char** argv);

}  // namespace hoptac::cli
