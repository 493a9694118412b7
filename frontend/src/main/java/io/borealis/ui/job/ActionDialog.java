package io.borealis.ui.job;

import io.borealis.ui.support.FormDialog;

/**
 * What the job page's action dialogs share: an explanation, the inputs, a confirm button that is
 * enabled only when the inputs make sense, and the service's refusal shown in the dialog (the
 * command changed nothing, so the person can correct and try again). The frame and the refusal
 * handling are {@link FormDialog}'s; each action says what it does in {@link #perform()}.
 */
abstract class ActionDialog extends FormDialog {

    ActionDialog(String id, String title, String confirmText, boolean dangerous) {
        super(id, title, confirmText, dangerous);
        onConfirm(this::perform);
    }

    abstract void perform();
}
