#pragma once

#include "kernel.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QWidget;

namespace ks {

class KernelGridModel;
class KernelGridView;

// The kernel being applied, as heat-coloured cells with its size, sum, factor, bias and
// separability. Editable for the custom filter (cells, size, factor, bias, Normalise,
// Paste); read-only otherwise, with "Edit as Custom" to copy the shown kernel there.
// Cells come from a model, not a widget each, so a 1001x1001 kernel scrolls smoothly.
class KernelGridEditor : public QWidget
{
    Q_OBJECT

public:
    // The grid edits kernels up to 25x25: the most that Width and Height take, that Paste
    // accepts and that Edit as Custom copies (a larger kernel is refused with the reason).
    static constexpr int MaxEditSide = 25;

    explicit KernelGridEditor(QWidget *parent = nullptr);
    ~KernelGridEditor() override;

    void setKernel(const Kernel &kernel); // shows it; emits nothing; any size up to 1001x1001
    const Kernel &kernel() const;

    void setEditable(bool editable); // true while the filter shown has a kernel parameter
    bool isEditable() const;
    // Whether factor and bias mean anything to the filter shown (a filter that normalises its
    // kernel has no factor and bias of its own, so there they are greyed out).
    void setScaleEditable(bool editable);

    // What the kernel means for the filter shown, when it is not a plain weighted sum (see
    // KernelRole: a window, spatial weights, a blur undone); empty hides the note.
    void setRole(const QString &role);
    QString role() const;

    QString errorText() const; // the refusal shown in the inline error label; empty when none

    // "Edit as Custom" (the button or the menu): emits editAsCustomRequested() for a kernel the
    // grid can edit, else shows why not.
    void requestEditAsCustom();

signals:
    void kernelEdited(const ks::Kernel &kernel); // after every accepted user edit, once per edit
    void editAsCustomRequested();                 // "Edit as Custom" was asked for a kernel that fits

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void centreOnAnchor();
    void fitCellSize();
    void fitGridToContents();
    void applyEdit(const Kernel &kernel); // shows it, then emits kernelEdited
    void showKernelState();               // summary, size and factor/bias fields, Normalise
    void showError(const QString &message);
    void clearError();
    void resizeKernel(int width, int height);
    void refuseSide(QSpinBox *spin, const QString &typed);
    void commitFactor();
    void commitBias();
    void normalize();
    void copyText();
    void pasteText();

    KernelGridModel *m_model = nullptr;
    KernelGridView *m_grid = nullptr;
    QWidget *m_editControls = nullptr;
    QSpinBox *m_width = nullptr;
    QSpinBox *m_height = nullptr;
    QLineEdit *m_factor = nullptr;
    QLineEdit *m_bias = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_role = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_normalize = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_paste = nullptr;
    QPushButton *m_editAsCustom = nullptr;
    bool m_centrePending = false;
};

} // namespace ks
