/**
 * 更换密钥 stopped right after its switch, as a kill or a power cut there leaves the files (keys/rotation.ts
 * `RotationFaults.afterSwitch`): nothing after the keyring is written runs. For the next rotation only. A step failing
 * there without a stop is not this: the rotation then goes on and says it (keys/after-switch.ts).
 */
import { rotationTestHooks } from '../../electron/core/auth/keys';

export function stopNextRotationAfterSwitch(): void {
  rotationTestHooks.faults = {
    afterSwitch: () => {
      rotationTestHooks.faults = null;
      throw new Error('the process stops here');
    },
  };
}
