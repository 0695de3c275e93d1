#pragma once

#include <QAccessible>
#include <QFrame>
#include <QList>
#include <QMetaObject>
#include <QPointer>
#include <QTimer>

#include "ui/lockbannertext.h"

class QLabel;
class QPushButton;

namespace recordlock {

class EditorController;
class LockState;
class ServerClock;

/// The line above the form that says who is editing the record: one sentence, an icon and a colour
/// per state, a live countdown, and the actions that fit ("Edit here instead", "Keep editing").
///
/// The accessible name is the sentence and the description the detail line; every new sentence is
/// announced with an accessibility NameChanged event, important ones (someone took the record, the
/// lock was lost, offline, idle warning) also with an Alert (see announced()). Colours come from the palette, so the
/// banner stays readable with a dark theme.
class LockBanner : public QFrame
{
    Q_OBJECT

public:
    /// state may be null; with a controller the banner follows the controller's open record and its
    /// editing facts (renewal, idle countdown, lost lock). clock must outlive the banner.
    LockBanner(LockState *state, EditorController *controller, const ServerClock &clock, QWidget *parent = nullptr);

    /// Shows another record's lock (the controller's record is followed automatically).
    void setLockState(LockState *state);
    /// The lock shown; may be null.
    LockState *lockState() const { return m_state; }
    /// The sentence shown (also the accessible name).
    QString text() const;
    /// The detail line shown (also the accessible description).
    QString detailText() const;
    /// What the banner shows now.
    const LockBannerText::Content &content() const { return m_content; }
    /// The facts the content was composed from.
    LockBannerText::Facts facts() const;
    /// Recomputes the text now (it also follows every change and ticks once a second).
    void refresh();

signals:
    /// "Edit here instead" was chosen (the controller, if any, is already told).
    void switchHereRequested();
    /// "Keep editing" was chosen (the controller, if any, is already told).
    void keepEditingRequested();
    /// "Take over editing…" was chosen (offered to administrators only); the editor opens the dialog.
    void takeOverRequested();
    /// An accessibility event went out for the banner: NameChanged with every new sentence, Alert
    /// for important ones. Lets tests and logs follow what a screen reader was told even where the
    /// platform has no accessibility bridge (offscreen), which makes Qt drop the events.
    void announced(QAccessible::Event event);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void followController();
    void connectState();
    void onLockLost(const QString &reason);
    void apply(const LockBannerText::Content &content);
    void applyColours();
    bool needsTicking() const;

    QPointer<LockState> m_state;
    QPointer<EditorController> m_controller;
    const ServerClock &m_clock;
    QList<QMetaObject::Connection> m_stateConnections;
    LockBannerText::Content m_content;
    /// The reason this window's lock went away, shown until the user moves on.
    QString m_lostReason;
    QLabel *m_icon;
    QLabel *m_sentence;
    QLabel *m_detail;
    QPushButton *m_switchHere;
    QPushButton *m_keepEditing;
    QPushButton *m_takeOver;
    QTimer m_ticker;
    bool m_hasContent = false;
};

} // namespace recordlock
