#pragma once

#include "result.h"

#include <QByteArray>

// What an SVG may make the renderer do. Internal to image loading (imageio.cpp); its own file so
// the fuzzers and tests reach it.
namespace ks {

// The SVG's text: SVGZ (gzip) is decompressed here, refused past MaxSvgBytes of text (a small
// file of gigabytes of spaces), and plain text is refused above the same size.
Result<QByteArray> svgTextWithinLimit(const QByteArray &data);

// The document without external resources: every <image> whose href (xlink:href or href) is
// not a data: URI is dropped, so rendering never reads a local file or blocks on a FIFO.
// Fails with the XML parser's reason when the document is not well-formed XML.
Result<QByteArray> svgWithoutExternalResources(const QByteArray &svgText);

} // namespace ks
