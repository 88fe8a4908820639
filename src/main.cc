#include "cli/cli.h"

int main(int argc, char** argv) { return hoptac::cli::Main(argc, argv); }
