// hoptac-eval: matching quality on the labelled cross-lingual set in bench/eval.
// Loads organisations, offers and needs into a fresh store in a temporary directory, asks the real
// matcher (app::App::Match) for each need's top matches, and reports MRR, recall@3, nDCG@5 and the
// share of needs whose right offer ranks first, overall and per language of the need (plus
// "vi-nodia": Vietnamese needs typed without diacritics, i.e. whose title and summary are plain ASCII).
// DIR holds orgs.jsonl, offers.jsonl, needs.jsonl and qrels.tsv: bench/eval (the tuning set) or
// bench/eval/heldout (the held-out set).
//   build/hoptac-eval DIR [--thesaurus data/thesaurus/concepts.jsonl] [--verbose | --reasons] [--need REF]
// --verbose lists the needs whose right offer is not first, with the first three results;
// --reasons adds the match reasons (share of the score) of the first result and the right offer;
// --need REF prints the first five results for one need, with grades and reasons.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "app/app.h"

namespace fs = std::filesystem;
using namespace hoptac;

namespace {

struct Totals {
  int needs = 0, first = 0, in3 = 0;
  double rr = 0, ndcg = 0;
  void Add(int rank, double ndcg5) {
    ++needs;
    if (rank == 1) ++first;
    if (rank >= 1 && rank <= 3) ++in3;
    if (rank >= 1) rr += 1.0 / rank;
    ndcg += ndcg5;
  }
  void Print(const std::string& name) const {
    std::printf("%-8s needs %3d  P@1 %.3f  MRR %.3f  recall@3 %.3f  nDCG@5 %.3f\n", name.c_str(), needs,
                static_cast<double>(first) / needs, rr / needs, static_cast<double>(in3) / needs, ndcg / needs);
  }
};

bool IsAscii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

int Import(app::App& app, const fs::path& file) {
  std::ifstream in(file);
  auto report = app.ImportJsonl(app::Principal::Cli(), in, {});
  if (!report.ok()) {
    std::cerr << file << ": " << report.status().ToString() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: hoptac-eval DIR [--thesaurus FILE] [--verbose | --reasons] [--need REF]\n";
    return 2;
  }
  fs::path dir = argv[1];
  fs::path thesaurus = "data/thesaurus/concepts.jsonl";
  bool verbose = false, reasons = false;
  std::string only;  // --need REF: print that need's first five results with their reasons
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--thesaurus" && i + 1 < argc) thesaurus = argv[++i];
    if (a == "--verbose") verbose = true;
    if (a == "--reasons") verbose = reasons = true;
    if (a == "--need" && i + 1 < argc) only = argv[++i];
  }
  fs::path data = fs::temp_directory_path() / ("hoptac-eval-" + std::to_string(::getpid()));
  fs::remove_all(data);
  int rc = 0;
  {
    auto opened = app::App::Open({.data_dir = data.string(), .thesaurus_path = thesaurus.string(),
                                  .synchronous_full = false});
    if (!opened.ok()) {
      std::cerr << opened.status().ToString() << "\n";
      return 1;
    }
    app::App& app = **opened;
    for (const char* f : {"orgs.jsonl", "offers.jsonl", "needs.jsonl"}) {
      if (Import(app, dir / f)) return 1;
    }
    // qrels: need_ref -> offer_ref -> grade
    std::map<std::string, std::map<std::string, int>> qrels;
    std::ifstream q(dir / "qrels.tsv");
    std::string line;
    while (std::getline(q, line)) {
      std::istringstream ls(line);
      std::string need, offer;
      int grade = 0;
      if (ls >> need >> offer >> grade) qrels[need][offer] = grade;
    }
    Totals all;
    std::map<std::string, Totals> by_lang;
    for (const auto& [need_ref, grades] : qrels) {
      auto need = app.store().GetByRef("profile", need_ref);
      if (!need.ok()) {
        std::cerr << "need " << need_ref << " not found\n";
        rc = 1;
        continue;
      }
      auto matches = app.Match(app::Principal::Cli(), {.profile_id = need->id, .lang = "en", .limit = 10});
      if (!matches.ok()) {
        std::cerr << matches.status().ToString() << "\n";
        return 1;
      }
      int rank = 0;
      double dcg = 0, idcg = 0;
      std::vector<int> ideal;
      for (const auto& [offer, g] : grades) ideal.push_back(g);
      std::sort(ideal.rbegin(), ideal.rend());
      for (size_t i = 0; i < ideal.size() && i < 5; ++i) idcg += (std::pow(2, ideal[i]) - 1) / std::log2(i + 2.0);
      for (size_t i = 0; i < matches->size(); ++i) {
        const auto& ref = (*matches)[i].profile.ref.value_or("");
        auto it = grades.find(ref);
        int g = it == grades.end() ? 0 : it->second;
        if (g == 3 && rank == 0) rank = static_cast<int>(i) + 1;
        if (i < 5) dcg += (std::pow(2, g) - 1) / std::log2(i + 2.0);
      }
      double ndcg = idcg > 0 ? dcg / idcg : 0;
      std::string lang = need->Get("title") ? need->Get("title")->as_text().lang : "?";
      all.Add(rank, ndcg);
      by_lang[lang].Add(rank, ndcg);
      if (lang == "vi" && IsAscii(need->Get("title")->as_text().text) &&
          (!need->Get("summary") || !need->Get("summary")->is_text() ||
           IsAscii(need->Get("summary")->as_text().text))) {
        by_lang["vi-nodia"].Add(rank, ndcg);
      }
      if (need_ref == only) {
        for (size_t i = 0; i < matches->size() && i < 5; ++i) {
          const auto& m = (*matches)[i];
          const std::string& ref = m.profile.ref.value_or("?");
          auto it = grades.find(ref);
          std::cout << "  " << i + 1 << ". " << ref << " grade " << (it == grades.end() ? 0 : it->second) << " score "
                    << m.match.score << ":";
          for (const auto& r : m.match.reasons) {
            std::cout << " " << (r.kind == "concept" ? r.concept_id + "/" + r.relation : r.kind + ":" + r.label) << "="
                      << std::setprecision(2) << r.weight << std::setprecision(6);
          }
          std::cout << "\n";
        }
      }
      if (verbose && rank != 1) {
        std::cout << need_ref << " [" << lang << "] right offer at rank " << rank << "; top: ";
        for (size_t i = 0; i < matches->size() && i < 3; ++i) {
          std::cout << (*matches)[i].profile.ref.value_or("?") << " (" << (*matches)[i].match.score << ") ";
        }
        std::cout << "\n";
        if (reasons) {
          // The reasons of the first result and of the right offer, to see what decided.
          for (size_t i = 0; i < matches->size(); ++i) {
            if (i != 0 && static_cast<int>(i) + 1 != rank) continue;
            const auto& m = (*matches)[i];
            std::cout << "    " << m.profile.ref.value_or("?") << ":";
            for (const auto& r : m.match.reasons) {
              std::cout << " " << (r.kind == "concept" ? r.concept_id + "/" + r.relation : r.kind + ":" + r.label)
                        << "=" << std::setprecision(2) << r.weight;
            }
            std::cout << std::setprecision(6) << "\n";
          }
        }
      }
    }
    all.Print("all");
    for (const auto& [lang, t] : by_lang) t.Print(lang);
  }
  fs::remove_all(data);
  return rc;
}
