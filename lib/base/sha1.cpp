#include "base/sha1.h"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace tmlint {
namespace {

struct CtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using Ctx = std::unique_ptr<EVP_MD_CTX, CtxDeleter>;

Ctx new_sha1() {
  Ctx c(EVP_MD_CTX_new());
  if (!c || EVP_DigestInit_ex(c.get(), EVP_sha1(), nullptr) != 1) throw std::runtime_error("OpenSSL SHA-1 unavailable");
  return c;
}

void update(EVP_MD_CTX* c, std::string_view s) {
  if (!s.empty()) EVP_DigestUpdate(c, s.data(), s.size());
}

std::string finish(EVP_MD_CTX* c) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(c, md, &len);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned i = 0; i < len; ++i) {
    out.push_back(kHex[md[i] >> 4]);
    out.push_back(kHex[md[i] & 15]);
  }
  return out;
}

}  // namespace

LineEndingHashes sha1_both_line_endings(std::string_view bytes) {
  Ctx lf = new_sha1(), crlf = new_sha1();
  // Walk line by line: each line's content goes to both digests, then "\n"
  // to one and "\r\n" to the other. A CR that is not before an LF is content.
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) {
      update(lf.get(), bytes.substr(pos));
      update(crlf.get(), bytes.substr(pos));
      break;
    }
    size_t content_end = nl > pos && bytes[nl - 1] == '\r' ? nl - 1 : nl;
    std::string_view line = bytes.substr(pos, content_end - pos);
    update(lf.get(), line);
    update(crlf.get(), line);
    update(lf.get(), "\n");
    update(crlf.get(), "\r\n");
    pos = nl + 1;
  }
  return {finish(lf.get()), finish(crlf.get())};
}

std::string sha1_hex(std::string_view bytes) {
  Ctx c = new_sha1();
  update(c.get(), bytes);
  return finish(c.get());
}

}  // namespace tmlint
