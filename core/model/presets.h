#pragma once

#include "recipe.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace ks {

// A named recipe people pick from a menu: one step ("Strong blur") or a whole stack.
struct Preset
{
    QString name; // unique within a list, shown as is
    Recipe recipe;
    bool operator==(const Preset &other) const = default;
};

// The presets every installation has, from resources/presets/built-in.json (compiled in): the
// sixteen steps of referenceExample(), each on its own ("Reference 1: Emboss 3×3", ...), then
// common blurs and sharpens. Names are unique and every step passes validate().
QList<Preset> builtInPresets();

// The reference library's kernel-filter example, all sixteen filters, as steps to apply one
// at a time: the steps of the built-in presets named "Reference N: ...", in order (see
// resources/presets/built-in.json for what each is). Used by `scripts/samples.sh`, the command
// line's `each --example` and the editor's Export Each Filter.
Recipe referenceExample();

// A list of presets as a file:
//   {"format": "kernel-studio-presets", "version": 1,
//    "presets": [{"name": "Soft blur", "steps": [{filter...}, ...]}, ...]}
// Each step is the same filter object a recipe holds (see recipeToJson).
QByteArray presetsToJson(const QList<Preset> &presets);
// Refuses, with a one-line reason naming the preset and step, anything that is not such a
// file: other JSON, a newer version, a preset without a name or steps, duplicate names, or a
// step filterFromJson() refuses.
Result<QList<Preset>> presetsFromJson(const QByteArray &json);

} // namespace ks
