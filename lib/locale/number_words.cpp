#include "locale/number_words.h"

#include <unicode/locid.h>
#include <unicode/rbnf.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>
#include <mutex>

#include "locale/locale_profile.h"

namespace tmlint {
namespace {

// One formatter per locale and thread: ICU formatters are not safe to share
// between threads for parsing.
struct Formatters {
  std::unique_ptr<icu::RuleBasedNumberFormat> spellout, ordinal;
};

Formatters& formatters_for(const LocaleProfile& locale) {
  thread_local std::map<const LocaleProfile*, Formatters> per_thread;
  auto [it, added] = per_thread.try_emplace(&locale);
  if (added) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale loc = icu::Locale::forLanguageTag(locale.tag().empty() ? "und" : locale.tag(), status);
    if (U_FAILURE(status)) loc = icu::Locale::getRoot();
    status = U_ZERO_ERROR;
    auto spell = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, loc, status);
    if (U_SUCCESS(status)) {
      spell->setLenient(true);
      it->second.spellout = std::move(spell);
    }
    status = U_ZERO_ERROR;
    auto ord = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_ORDINAL, loc, status);
    if (U_SUCCESS(status)) it->second.ordinal = std::move(ord);
  }
  return it->second;
}

bool has_digit_or_empty(std::string_view s) {
  if (s.empty()) return true;
  for (char c : s)
    if (c >= '0' && c <= '9') return true;
  return false;
}

std::optional<double> parse_whole(icu::RuleBasedNumberFormat* f, const icu::UnicodeString& text) {
  if (!f) return std::nullopt;
  icu::Formattable result;
  icu::ParsePosition pos(0);
  f->parse(text, result, pos);
  if (pos.getIndex() != text.length() || pos.getErrorIndex() >= 0) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  double v = result.getDouble(status);
  if (U_FAILURE(status)) return std::nullopt;
  return v;
}

}  // namespace

std::optional<double> parse_number_words(const LocaleProfile& locale, std::string_view words) {
  if (has_digit_or_empty(words) || words.size() > 80) return std::nullopt;
  using Key = std::pair<const LocaleProfile*, std::string>;
  static std::mutex mutex;
  static auto* memo = new std::map<Key, std::optional<double>>();
  Key key{&locale, std::string(words)};
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = memo->find(key); it != memo->end()) return it->second;
  }
  Formatters& f = formatters_for(locale);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(words.data(), static_cast<int32_t>(words.size())));
  std::optional<double> value = parse_whole(f.spellout.get(), text);
  std::lock_guard<std::mutex> lock(mutex);
  memo->emplace(std::move(key), value);
  return value;
}

std::string spell_number(const LocaleProfile& locale, double value) {
  Formatters& f = formatters_for(locale);
  if (!f.spellout) return {};
  icu::UnicodeString out;
  f.spellout->format(value, out);
  std::string s;
  out.toUTF8String(s);
  return s;
}

}  // namespace tmlint
