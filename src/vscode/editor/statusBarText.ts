/** What the status bar item says in each state. Pure. */
import type { Translate } from './translate';

export type LintState = 'off' | 'idle' | 'scanning' | 'skipped';

/** `skipReason`: why the active file is not linted (state `skipped`). */
export function statusBarText(state: LintState, findings: number, t: Translate, skipReason = ''): { text: string; tooltip: string } {
  switch (state) {
    case 'skipped':
      return { text: '$(circle-slash) API Doctor', tooltip: t('API Doctor did not lint this file: {0}. See the API Doctor output for details.', skipReason) };
    case 'off':
      return { text: '$(circle-slash) API Doctor', tooltip: t('API Doctor is off in this workspace (apiDoctor.enable).') };
    case 'scanning':
      return { text: `$(sync~spin) API Doctor`, tooltip: t('API Doctor is scanning the workspace…') };
    default:
      return findings === 0
        ? { text: '$(check) API Doctor', tooltip: t('API Doctor: no problems in HTTP calls. Click to open the Problems view.') }
        : {
            text: `$(warning) API Doctor: ${findings}`,
            tooltip: findings === 1
              ? t('API Doctor: 1 problem in HTTP calls. Click to open the Problems view.')
              : t('API Doctor: {0} problems in HTTP calls. Click to open the Problems view.', findings),
          };
  }
}
