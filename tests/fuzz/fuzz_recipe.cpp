// Recipe JSON: recipeFromJson never crashes, and what it accepts writes (recipeToJson) to JSON
// that reads back to the same recipe.
#include "fuzzsupport.h"
#include "recipe.h"

using namespace ks;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Result<Recipe> recipe = recipeFromJson(fuzz::bytes(data, size));
    if (!recipe)
        return 0;
    const QByteArray written = recipeToJson(*recipe);
    const Result<Recipe> again = recipeFromJson(written);
    KS_FUZZ_CHECK(again.ok(), "written recipe refused: %s\n%s", qPrintable(again.error()), written.constData());
    KS_FUZZ_CHECK(*again == *recipe, "recipe written as\n%s\nreads back as another recipe", written.constData());
    return 0;
}
