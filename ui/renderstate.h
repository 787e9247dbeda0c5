#pragma once

#include <QLabel>

namespace ks {

// Whether the result on screen is the exact one for the current settings: "Ready" or
// "Rendering…" for people, and for tests driving the editor from outside (AT-SPI), an
// accessible description that reads
//     ready N: full resolution          the exact full-resolution result is on screen
//     ready N: full resolution, unchanged   an edit needed no render (the same value retyped)
//     ready N: render failed: <reason>
//     ready N: no image
//     rendering after ready N           a render of newer settings is under way
// N counts the moments the editor settled, so it grows with every one, also when nothing had
// to be rendered: a test reads N, makes its change, and waits until it reads a larger N.
class RenderState : public QLabel
{
    Q_OBJECT

public:
    explicit RenderState(QWidget *parent = nullptr);

    void setRendering();
    void setReady(const QString &what); // what is on screen now; counts one more settling
    quint64 readyCount() const { return m_ready; }

private:
    quint64 m_ready = 0;
};

} // namespace ks
