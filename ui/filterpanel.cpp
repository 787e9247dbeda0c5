#include "filterpanel.h"

#include "filtercatalog.h"
#include "kerneltext.h"
#include "paramcontrol.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace ks {

namespace {

constexpr BorderMode BorderModes[] = {BorderMode::Clamp, BorderMode::Reflect, BorderMode::Wrap,
                                      BorderMode::Transparent, BorderMode::Unfiltered};
constexpr AlphaMode AlphaModes[] = {AlphaMode::Premultiplied, AlphaMode::Straight, AlphaMode::Ignore};

QString borderLabel(BorderMode mode)
{
    switch (mode) {
    case BorderMode::Clamp:
        return FilterPanel::tr("Clamp (repeat edge)");
    case BorderMode::Reflect:
        return FilterPanel::tr("Reflect");
    case BorderMode::Wrap:
        return FilterPanel::tr("Wrap (tile)");
    case BorderMode::Transparent:
        return FilterPanel::tr("Transparent");
    case BorderMode::Unfiltered:
        return FilterPanel::tr("Leave border unfiltered");
    }
    return {};
}

QString alphaLabel(AlphaMode mode)
{
    switch (mode) {
    case AlphaMode::Premultiplied:
        return FilterPanel::tr("Premultiplied (no fringes)");
    case AlphaMode::Straight:
        return FilterPanel::tr("Straight");
    case AlphaMode::Ignore:
        return FilterPanel::tr("Keep alpha unchanged");
    }
    return {};
}

bool hasPanelControl(const ParamInfo &p)
{
    // The kernel, its factor and bias are edited in the kernel grid.
    return !p.isKernel() && p.id != ParamId::Factor && p.id != ParamId::Bias;
}

} // namespace

FilterPanel::FilterPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("filterPanel"));
    m_chooser = new QComboBox(this);
    m_chooser->setObjectName(QStringLiteral("filterChooser"));
    m_chooser->setAccessibleName(tr("Filter"));
    for (const FilterInfo &f : allFilters()) {
        m_chooser->addItem(tr(f.displayName), int(f.kind));
        m_chooser->setItemData(m_chooser->count() - 1, QString::fromLatin1(f.description), Qt::ToolTipRole);
    }

    m_border = new QComboBox(this);
    m_border->setObjectName(QStringLiteral("borderMode"));
    m_border->setAccessibleName(tr("Border mode"));
    m_border->setAccessibleDescription(tr("How pixels outside the image are read"));
    for (BorderMode mode : BorderModes)
        m_border->addItem(borderLabel(mode), int(mode));
    m_alpha = new QComboBox(this);
    m_alpha->setObjectName(QStringLiteral("alphaMode"));
    m_alpha->setAccessibleName(tr("Alpha mode"));
    m_alpha->setAccessibleDescription(tr("How colour and transparency are filtered together"));
    for (AlphaMode mode : AlphaModes)
        m_alpha->addItem(alphaLabel(mode), int(mode));
    m_linear = new QCheckBox(tr("Filter in &linear light"), this);
    m_linear->setObjectName(QStringLiteral("linearLight"));
    m_linear->setAccessibleName(tr("Linear light"));
    m_linear->setAccessibleDescription(tr("Convert sRGB to linear light before filtering and back after"));

    auto *top = new QFormLayout;
    top->addRow(tr("&Filter:"), m_chooser);
    m_paramLayout = new QFormLayout;
    auto *options = new QFormLayout;
    options->addRow(tr("&Border:"), m_border);
    options->addRow(tr("&Alpha:"), m_alpha);
    options->addRow(QString(), m_linear);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(m_paramLayout);
    layout->addLayout(options);
    layout->addStretch(1);

    connect(m_chooser, &QComboBox::currentIndexChanged, this, &FilterPanel::onKindChosen);
    connect(m_border, &QComboBox::currentIndexChanged, this, &FilterPanel::onOptionsChanged);
    connect(m_alpha, &QComboBox::currentIndexChanged, this, &FilterPanel::onOptionsChanged);
    connect(m_linear, &QCheckBox::toggled, this, &FilterPanel::onOptionsChanged);
    showSettings();
}

void FilterPanel::setSettings(const FilterSettings &settings)
{
    m_settings = settings;
    showSettings();
}

ParamControl *FilterPanel::paramControl(ParamId id) const
{
    for (ParamControl *control : m_params)
        if (control->id() == id)
            return control;
    return nullptr;
}

void FilterPanel::rebuildParams()
{
    // Focus inside a row that is about to go would be lost; keep it in the panel.
    if (m_params.size() && isAncestorOf(focusWidget()))
        m_chooser->setFocus();
    while (m_paramLayout->rowCount() > 0)
        m_paramLayout->removeRow(0);
    m_params.clear();
    m_imaginary = nullptr;
    m_imaginaryError = nullptr;
    for (const ParamInfo &p : filterInfo(m_settings.kind).params) {
        if (p.id == ParamId::ImaginaryKernel)
            addImaginaryRow();
        if (!hasPanelControl(p))
            continue;
        auto *control = new ParamControl(p, this);
        const ParamId id = p.id;
        connect(control, &ParamControl::valueChanged, this,
                [this, id](double value, bool interim) { onParamChanged(id, value, interim); });
        auto *label = new QLabel(tr(p.label) + QLatin1Char(':'), this);
        label->setBuddy(control->focusTarget());
        m_paramLayout->addRow(label, control);
        m_params.push_back(control);
    }
    if (m_params.empty()) {
        auto *none = new QLabel(m_settings.kind == FilterKind::Custom
                                    ? tr("Edit the kernel, its factor and bias in the Kernel panel.")
                                    : tr("This filter has no parameters; its kernel is in the Kernel panel."),
                                this);
        none->setWordWrap(true);
        none->setEnabled(false);
        m_paramLayout->addRow(none);
    }
    m_shownKind = m_settings.kind;
}

void FilterPanel::showSettings()
{
    const QSignalBlocker blockChooser(m_chooser), blockBorder(m_border), blockAlpha(m_alpha), blockLinear(m_linear);
    m_chooser->setCurrentIndex(m_chooser->findData(int(m_settings.kind)));
    if (m_shownKind != m_settings.kind)
        rebuildParams();
    for (ParamControl *control : m_params)
        control->setValue(paramValue(m_settings, control->id()));
    if (m_imaginary) {
        const QSignalBlocker block(m_imaginary);
        m_imaginary->setText(m_settings.imaginaryKernel ? kernelToText(*m_settings.imaginaryKernel) : QString());
        m_imaginaryError->hide();
    }
    m_border->setCurrentIndex(m_border->findData(int(m_settings.border)));
    m_alpha->setCurrentIndex(m_alpha->findData(int(m_settings.alpha)));
    m_linear->setChecked(m_settings.linearLight);
}

void FilterPanel::onKindChosen(int index)
{
    // A new filter starts from its defaults; the options and a kernel typed in carry over.
    FilterSettings next = defaultSettings(FilterKind(m_chooser->itemData(index).toInt()));
    const bool kernelTypedIn = m_settings.kind == FilterKind::Custom || m_settings.kind == FilterKind::Deconvolution;
    if (kernelTypedIn && m_settings.customKernel != Kernel())
        next.customKernel = m_settings.customKernel;
    next.border = m_settings.border;
    next.alpha = m_settings.alpha;
    next.linearLight = m_settings.linearLight;
    next.region = m_settings.region;
    next.enabled = m_settings.enabled; // a step switched off in the stack stays off
    m_settings = next;
    showSettings();
    emit settingsChanged(m_settings, false);
}

void FilterPanel::onParamChanged(ParamId id, double value, bool interim)
{
    setParamValue(m_settings, id, value);
    emit settingsChanged(m_settings, interim);
}

// The real part is the kernel grid; the imaginary part, rarely wanted, is typed as text.
void FilterPanel::addImaginaryRow()
{
    m_imaginary = new QLineEdit(this);
    m_imaginary->setObjectName(QStringLiteral("imaginaryEdit"));
    m_imaginary->setAccessibleName(tr("Imaginary part"));
    m_imaginary->setAccessibleDescription(
        tr("The imaginary part of a complex kernel, as ImageMagick text of the kernel's size; empty for a real kernel"));
    m_imaginary->setPlaceholderText(tr("none (a real kernel)"));
    m_imaginary->setClearButtonEnabled(true);
    m_imaginaryError = new QLabel(this);
    m_imaginaryError->setObjectName(QStringLiteral("imaginaryError"));
    m_imaginaryError->setWordWrap(true);
    m_imaginaryError->setStyleSheet(QStringLiteral("color: #c62828"));
    m_imaginaryError->hide();
    auto *label = new QLabel(tr("&Imaginary part:"), this);
    label->setBuddy(m_imaginary);
    m_paramLayout->addRow(label, m_imaginary);
    m_paramLayout->addRow(m_imaginaryError);
    connect(m_imaginary, &QLineEdit::editingFinished, this, &FilterPanel::onImaginaryEdited);
}

void FilterPanel::onImaginaryEdited()
{
    FilterSettings next = m_settings;
    const QString text = m_imaginary->text().trimmed();
    if (text.isEmpty()) {
        next.imaginaryKernel.reset();
    } else {
        const KernelParseResult parsed = parseKernelText(text);
        if (!parsed.kernel) {
            m_imaginaryError->setText(tr("Not used: %1").arg(parsed.error));
            m_imaginaryError->show();
            return;
        }
        next.imaginaryKernel = *parsed.kernel;
    }
    if (const QString reason = validate(next); !reason.isEmpty()) {
        m_imaginaryError->setText(tr("Not used: %1").arg(reason));
        m_imaginaryError->show();
        return;
    }
    m_imaginaryError->hide();
    if (next == m_settings)
        return;
    m_settings = next;
    emit settingsChanged(m_settings, false);
}

void FilterPanel::onOptionsChanged()
{
    m_settings.border = BorderMode(m_border->currentData().toInt());
    m_settings.alpha = AlphaMode(m_alpha->currentData().toInt());
    m_settings.linearLight = m_linear->isChecked();
    emit settingsChanged(m_settings, false);
}

} // namespace ks
