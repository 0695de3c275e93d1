#pragma once

#include <QFrame>
#include <QList>
#include <QString>
#include <QTimer>

#include "ui/statusicons.h"
#include "ui/tone.h"

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace recordlock {

/// A one-line message under the lock banner: why a save failed, that a draft came back, who just
/// changed the record. Hidden when empty; optional buttons answer it.
class MessageBar : public QFrame
{
    Q_OBJECT

public:
    /// A button shown with a message; id comes back in actionTriggered().
    struct Action
    {
        QString id;
        QString text;
    };

    /// Hidden until showMessage().
    explicit MessageBar(QWidget *parent = nullptr);

    /// Shows text; timeoutMs > 0 hides it again after that long. Danger and Warning are announced as alerts.
    void showMessage(Tone tone, StatusIcon icon, const QString &text, const QList<Action> &actions = {},
                     int timeoutMs = 0);
    /// Hides the message.
    void clearMessage();
    /// The message shown; empty when hidden.
    QString text() const;
    /// The id given with the message shown (its first action's id, or empty).
    QString messageId() const { return m_messageId; }
    /// The button of action id while shown, else nullptr (for focus and tests).
    QPushButton *actionButton(const QString &id) const;

signals:
    /// A message button was pressed.
    void actionTriggered(const QString &id);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void removeButtons();
    void applyTextColour();

    QLabel *m_icon;
    QLabel *m_text;
    QHBoxLayout *m_buttons;
    QList<QPushButton *> m_actionButtons;
    QTimer m_hideTimer;
    Tone m_tone = Tone::Info;
    QString m_messageId;
};

} // namespace recordlock
