#include "text/segment_text_cache.h"

#include "text/normal_forms.h"
#include "text/visible_text.h"

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
      {
        p.text.append(t.text);
        // Sized once, then filled (push_back per byte was most of this function).
        size_t at = p.origin.size();
        p.origin.resize(at + t.text.size());
        uint32_t* o = p.origin.data() + at;
        for (uint32_t i = 0; i < t.text.size(); ++i) o[i] = static_cast<uint32_t>(t.offset) + i;
        break;
      }
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

SegmentTextCache::Lexed& SegmentTextCache::lexed(size_t segment, Side side) {
  if (lexed_.empty()) lexed_.resize(article_.segments.size() * 2);
  return lexed_.at(slot(segment, side));
}

const std::vector<InlineToken>& SegmentTextCache::tokens(size_t segment, Side side) {
  Lexed& e = lexed(segment, side);
  if (!e.has_tokens) {
    e.tokens = tokenize_inline(raw(segment, side));
    e.has_tokens = true;
  }
  return e.tokens;
}

const Prose& SegmentTextCache::prose(size_t segment, Side side) {
  Lexed& e = lexed(segment, side);
  if (!e.has_prose) {
    e.prose = prose_of(tokens(segment, side));
    e.has_prose = true;
  }
  return e.prose;
}

const std::string& SegmentTextCache::visible(size_t segment, Side side) {
  if (visible_.empty()) visible_.resize(article_.segments.size() * 2);
  std::optional<std::string>& v = visible_.at(slot(segment, side));
  if (!v) v = visible_text(raw(segment, side));
  return *v;
}

const std::string& SegmentTextCache::form(size_t segment, Side side) {
  if (forms_.empty()) forms_.resize(article_.segments.size() * 2);
  std::optional<std::string>& f = forms_.at(slot(segment, side));
  if (!f) {
    std::string_view text = raw(segment, side);
    // Without inline code the form is the visible text normalised: reuse it.
    f = text.find('`') == std::string_view::npos ? normalize_visible(visible(segment, side)) : segment_form(text);
  }
  return *f;
}

void SegmentTextCache::release_tokens() {
  std::vector<Lexed>().swap(lexed_);
  // The batch rules read the forms and the visible sources (whether a
  // segment has enough English words); a visible target was only a step
  // towards its form.
  for (size_t k = 0; k < visible_.size(); k += 2) visible_[k].reset();
}

}  // namespace tmlint
