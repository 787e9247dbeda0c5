#include "filterpanel.h"

#include "filterregistry.h"
#include "filtertext.h"
#include "kerneltext.h"
#include "paramcontrol.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace ks {

namespace {

constexpr BorderMode BorderModes[] = {BorderMode::Clamp, BorderMode::Reflect, BorderMode::Wrap, BorderMode::Transparent,
                                      BorderMode::Unfiltered};
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

bool hasPanelControl(const ParamDeclaration &p)
{
    // The kernel, its factor and bias are edited in the kernel grid.
    return p.type == ParamType::Number || p.type == ParamType::Size || p.type == ParamType::Switch;
}

// Kernel parameters after the first (the grid edits that one) are typed as text.
bool isTextKernel(const FilterDeclaration &filter, const ParamDeclaration &p)
{
    return p.isKernel() && &p != filter.kernelParam();
}

} // namespace

FilterPanel::FilterPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("filterPanel"));
    m_chooser = new QComboBox(this);
    m_chooser->setObjectName(QStringLiteral("filterChooser"));
    m_chooser->setAccessibleName(tr("Filter"));
    for (const FilterDeclaration *f : allFilters()) {
        m_chooser->addItem(filterText(f->displayName), QString::fromLatin1(f->name));
        m_chooser->setItemData(m_chooser->count() - 1, filterText(f->description), Qt::ToolTipRole);
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
    m_opacity =
        new ParamControl(opacityDeclaration("opacity", QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Opacity")), this);
    m_opacity->setToolTip(tr("How much of the step's result to keep; the rest is its input"));
    auto *channels = new QHBoxLayout;
    const QString channelNames[] = {tr("Red"), tr("Green"), tr("Blue"), tr("Alpha")};
    for (int c = 0; c < 4; ++c) {
        m_channels[c] = new QCheckBox(QString(QLatin1Char("RGBA"[c])), this);
        m_channels[c]->setObjectName(QStringLiteral("channel") + QLatin1Char("RGBA"[c]));
        m_channels[c]->setAccessibleName(tr("%1 channel").arg(channelNames[c]));
        m_channels[c]->setToolTip(tr("Filter the %1 channel").arg(channelNames[c].toLower()));
        channels->addWidget(m_channels[c]);
        connect(m_channels[c], &QCheckBox::toggled, this, [this, c](bool on) { onChannelToggled(c, on); });
    }
    channels->addStretch(1);

    auto *options = new QFormLayout;
    options->addRow(tr("&Border:"), m_border);
    options->addRow(tr("&Alpha:"), m_alpha);
    options->addRow(QString(), m_linear);
    auto *opacityLabel = new QLabel(tr("&Opacity:"), this);
    opacityLabel->setBuddy(m_opacity->focusTarget());
    options->addRow(opacityLabel, m_opacity);
    auto *channelsLabel = new QLabel(tr("C&hannels:"), this);
    channelsLabel->setBuddy(m_channels[0]);
    options->addRow(channelsLabel, channels);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(m_paramLayout);
    layout->addLayout(options);
    layout->addStretch(1);

    connect(m_chooser, &QComboBox::currentIndexChanged, this, &FilterPanel::onKindChosen);
    connect(m_border, &QComboBox::currentIndexChanged, this, &FilterPanel::onOptionsChanged);
    connect(m_alpha, &QComboBox::currentIndexChanged, this, &FilterPanel::onOptionsChanged);
    connect(m_linear, &QCheckBox::toggled, this, &FilterPanel::onOptionsChanged);
    connect(m_opacity, &ParamControl::valueChanged, this, [this](double percent, bool interim) {
        m_settings.opacity = percent;
        emit settingsChanged(m_settings, interim);
    });
    showSettings();
}

void FilterPanel::setSettings(const FilterSettings &settings)
{
    m_settings = settings;
    showSettings();
}

ParamControl *FilterPanel::paramControl(const QString &key) const
{
    for (ParamControl *control : m_params)
        if (control->key() == key)
            return control;
    return nullptr;
}

void FilterPanel::rebuildParams()
{
    // Focus inside a row that is about to go would be lost; keep it in the panel. Only where
    // the focus is now counts: QWidget::focusWidget() is the panel's last focused child even
    // while the focus is elsewhere (the stack list), and taking it from there would make the
    // next arrow key change the filter.
    if (isInParamRows(QApplication::focusWidget()))
        m_chooser->setFocus();
    while (m_paramLayout->rowCount() > 0)
        m_paramLayout->removeRow(0);
    m_params.clear();
    m_kernelTexts.clear();
    const FilterDeclaration &filter = m_settings.filter();
    for (const ParamDeclaration &p : filter.params) {
        if (isTextKernel(filter, p))
            addKernelTextRow(p);
        if (!hasPanelControl(p))
            continue;
        auto *control = new ParamControl(p, this);
        const QString key = control->key();
        connect(control, &ParamControl::valueChanged, this,
                [this, key](double value, bool interim) { onParamChanged(key, value, interim); });
        auto *label = new QLabel(filterText(p.label) + QLatin1Char(':'), this);
        label->setBuddy(control->focusTarget());
        m_paramLayout->addRow(label, control);
        m_params.push_back(control);
    }
    if (m_params.empty()) {
        auto *none =
            new QLabel(filter.kernelParam() ? tr("Edit the kernel, its factor and bias in the Kernel panel.")
                                            : tr("This filter has no parameters; its kernel is in the Kernel panel."),
                       this);
        none->setWordWrap(true);
        none->setEnabled(false);
        m_paramLayout->addRow(none);
    }
    m_shownFilter = &filter;
    orderTabs();
}

// New rows join the Tab order at its end; Tab follows the panel from top to bottom instead.
void FilterPanel::orderTabs()
{
    QList<QWidget *> chain{m_chooser};
    const auto addControl = [&chain](const ParamControl *control) {
        for (QWidget *part : {static_cast<QWidget *>(control->slider()), static_cast<QWidget *>(control->spinBox()),
                              static_cast<QWidget *>(control->checkBox())})
            if (part)
                chain << part;
    };
    for (int i = 0; i < m_paramLayout->count(); ++i) {
        QWidget *row = m_paramLayout->itemAt(i)->widget();
        if (const auto *control = qobject_cast<ParamControl *>(row))
            addControl(control);
        else if (qobject_cast<QLineEdit *>(row))
            chain << row;
    }
    chain << m_border << m_alpha << m_linear;
    addControl(m_opacity);
    for (QCheckBox *channel : m_channels)
        chain << channel;
    for (qsizetype i = 1; i < chain.size(); ++i)
        setTabOrder(chain[i - 1], chain[i]);
}

bool FilterPanel::isInParamRows(const QWidget *widget) const
{
    for (int i = 0; widget && i < m_paramLayout->count(); ++i)
        if (const QWidget *row = m_paramLayout->itemAt(i)->widget();
            row && (row == widget || row->isAncestorOf(widget)))
            return true;
    return false;
}

void FilterPanel::showSettings()
{
    const QSignalBlocker blockChooser(m_chooser), blockBorder(m_border), blockAlpha(m_alpha), blockLinear(m_linear);
    m_chooser->setCurrentIndex(m_chooser->findData(QString::fromLatin1(m_settings.filter().name)));
    if (m_shownFilter != &m_settings.filter())
        rebuildParams();
    for (ParamControl *control : m_params)
        control->setValue(m_settings.value(control->key()));
    showAutoSizes();
    for (const KernelText &row : m_kernelTexts) {
        const QSignalBlocker block(row.edit);
        const std::optional<Kernel> &kernel = m_settings.kernelValue(row.key);
        row.edit->setText(kernel ? kernelToText(*kernel) : QString());
        row.error->hide();
    }
    m_border->setCurrentIndex(m_border->findData(int(m_settings.border)));
    m_alpha->setCurrentIndex(m_alpha->findData(int(m_settings.alpha)));
    m_linear->setChecked(m_settings.linearLight);
    m_opacity->setValue(m_settings.opacity);
    for (int c = 0; c < 4; ++c) {
        const QSignalBlocker block(m_channels[c]);
        m_channels[c]->setChecked(m_settings.channels & (1u << c));
    }
}

void FilterPanel::onKindChosen(int index)
{
    // A new filter starts from its defaults; the options and a kernel typed in carry over.
    FilterSettings next(*findFilter(m_chooser->itemData(index).toString()));
    const ParamDeclaration *typedIn = m_settings.filter().kernelParam();
    if (typedIn && next.filter().kernelParam()) {
        const Kernel kernel = *m_settings.kernelValue(QLatin1String(typedIn->key));
        if (!(kernel == typedIn->defaultKernel()))
            next = next.withKernel(kernel);
    }
    next.border = m_settings.border;
    next.alpha = m_settings.alpha;
    next.linearLight = m_settings.linearLight;
    next.region = m_settings.region;
    next.enabled = m_settings.enabled; // a step switched off in the stack stays off
    m_settings = next;
    showSettings();
    emit settingsChanged(m_settings, false);
}

// An automatic size says what it comes to (the kernel's side at the current sigma), as
// people who blur by sigma alone want to know how far it reaches.
void FilterPanel::showAutoSizes()
{
    for (ParamControl *control : m_params) {
        const ParamDeclaration *p = m_settings.filter().param(control->key());
        if (p && p->zeroMeansAuto && p->type == ParamType::Size && validate(m_settings))
            control->setAutoSize(m_settings.autoGaussianSize());
    }
}

void FilterPanel::onParamChanged(const QString &key, double value, bool interim)
{
    m_settings.setValue(key, value);
    showAutoSizes();
    emit settingsChanged(m_settings, interim);
}

// A kernel parameter beside the grid's (a complex kernel's imaginary part), typed as text.
void FilterPanel::addKernelTextRow(const ParamDeclaration &p)
{
    const QString key = QString::fromLatin1(p.key);
    const QString label = filterText(p.label);
    KernelText row{key, new QLineEdit(this), new QLabel(this)};
    row.edit->setObjectName(key + QStringLiteral("Edit"));
    row.edit->setAccessibleName(label);
    row.edit->setAccessibleDescription(tr("%1 as ImageMagick text of the kernel's size; empty for none").arg(label));
    row.edit->setPlaceholderText(p.defaultKernel ? QString() : tr("none"));
    row.edit->setClearButtonEnabled(true);
    row.error->setObjectName(key + QStringLiteral("Error"));
    row.error->setWordWrap(true);
    row.error->setStyleSheet(QStringLiteral("color: #c62828"));
    row.error->hide();
    auto *rowLabel = new QLabel(label + QLatin1Char(':'), this);
    rowLabel->setBuddy(row.edit);
    m_paramLayout->addRow(rowLabel, row.edit);
    m_paramLayout->addRow(row.error);
    connect(row.edit, &QLineEdit::editingFinished, this, [this, row] { onKernelTextEdited(row); });
    m_kernelTexts.push_back(row);
}

void FilterPanel::onKernelTextEdited(const KernelText &row)
{
    FilterSettings next = m_settings;
    const QString text = row.edit->text().trimmed();
    if (text.isEmpty()) {
        next.setKernelValue(row.key, std::nullopt);
    } else {
        const Result<Kernel> parsed = parseKernelText(text);
        if (!parsed) {
            row.error->setText(tr("Not used: %1").arg(parsed.error()));
            row.error->show();
            return;
        }
        next.setKernelValue(row.key, *parsed);
    }
    if (const Status valid = validate(next); !valid) {
        row.error->setText(tr("Not used: %1").arg(valid.error()));
        row.error->show();
        return;
    }
    row.error->hide();
    if (next == m_settings)
        return;
    m_settings = next;
    emit settingsChanged(m_settings, false);
}

void FilterPanel::onChannelToggled(int channel, bool on)
{
    const quint8 channels = on ? m_settings.channels | quint8(1u << channel) : m_settings.channels & ~(1u << channel);
    if (channels == 0) { // a step that may change no channel is no step: the last one stays on
        const QSignalBlocker block(m_channels[channel]);
        m_channels[channel]->setChecked(true);
        return;
    }
    m_settings.channels = quint8(channels);
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
