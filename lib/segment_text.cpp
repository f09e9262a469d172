#include "segment_text.h"

#include "segment_words.h"
#include "text_forms.h"

namespace tmlint {

Prose prose_of(const std::vector<InlineToken>& tokens) {
  Prose p;
  size_t size = 0;
  for (const InlineToken& t : tokens) size += t.kind == InlineKind::Text ? t.text.size() : 1;
  p.text.reserve(size);
  p.origin.reserve(size);
  auto boundary = [&](uint32_t at) {
    if (p.text.empty() || p.text.back() != '\x1F') {
      p.text.push_back('\x1F');
      p.origin.push_back(at);
    }
  };
  for (const InlineToken& t : tokens) {
    switch (t.kind) {
      case InlineKind::Text:
        p.text.append(t.text);
        for (uint32_t i = 0; i < t.text.size(); ++i) p.origin.push_back(t.offset + i);
        break;
      case InlineKind::Escape:
        p.text.append(t.detail);
        p.origin.insert(p.origin.end(), t.detail.size(), t.offset);
        break;
      default: boundary(t.offset); break;
    }
  }
  return p;
}

std::string_view SegmentTextCache::raw(size_t segment, Side side) const {
  const Segment& s = article_.segments.at(segment);
  return side == Side::Target ? s.target.raw : s.source.raw;
}

SegmentTextCache::Entry& SegmentTextCache::entry(size_t segment, Side side) {
  if (entries_.empty()) entries_.resize(article_.segments.size() * 2);
  return entries_.at(segment * 2 + (side == Side::Source ? 1 : 0));
}

const std::vector<InlineToken>& SegmentTextCache::tokens(size_t segment, Side side) {
  Entry& e = entry(segment, side);
  if (!e.has_tokens) {
    e.tokens = tokenize_inline(raw(segment, side));
    e.has_tokens = true;
  }
  return e.tokens;
}

const Prose& SegmentTextCache::prose(size_t segment, Side side) {
  Entry& e = entry(segment, side);
  if (!e.has_prose) {
    e.prose = prose_of(tokens(segment, side));
    e.has_prose = true;
  }
  return e.prose;
}

const std::string& SegmentTextCache::visible(size_t segment, Side side) {
  Entry& e = entry(segment, side);
  if (!e.has_visible) {
    e.visible = visible_text(raw(segment, side));
    e.has_visible = true;
  }
  return e.visible;
}

const std::string& SegmentTextCache::form(size_t segment, Side side) {
  Entry& e = entry(segment, side);
  if (!e.has_form) {
    std::string_view text = raw(segment, side);
    // Without inline code the form is the visible text normalised: reuse it.
    e.form = text.find('`') == std::string_view::npos ? normalize_visible(visible(segment, side)) : segment_form(text);
    e.has_form = true;
  }
  return e.form;
}

void SegmentTextCache::release_tokens() {
  for (Entry& e : entries_) {
    if (e.has_tokens) std::vector<InlineToken>().swap(e.tokens);
    if (e.has_prose) e.prose = Prose{};
    e.has_tokens = e.has_prose = false;
  }
}

}  // namespace tmlint
