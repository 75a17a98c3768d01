import * as jsyaml from 'js-yaml';
import { ScalarTagError, resolvePlainScalar, resolveTaggedScalar, type KubeScalar } from './kubeScalars';

// js-yaml resolves a scalar in two calls (resolve, then construct); the value is carried between them.
let pending: KubeScalar = null;

/** Plain scalars by go-yaml v2's rules; strings are left to the failsafe `str` type. */
const plainScalar = new jsyaml.Type('tag:yaml.org,2002:kube-plain', {
  kind: 'scalar',
  resolve: (data: string | null) => {
    const value = resolvePlainScalar(data ?? '');
    if (typeof value === 'string') return false;
    pending = value;
    return true;
  },
  construct: () => pending,
});

const tagged = (name: string): jsyaml.Type =>
  new jsyaml.Type(`tag:yaml.org,2002:${name}`, {
    kind: 'scalar',
    resolve: (data: string | null) => {
      try {
        pending = resolveTaggedScalar(`tag:yaml.org,2002:${name}`, data ?? '');
        return true;
      } catch (e) {
        if (e instanceof ScalarTagError) return false;
        throw e;
      }
    },
    construct: () => pending,
  });

/**
 * The fast reader's schema: js-yaml's structure with go-yaml v2's scalars. It has no merge type on
 * purpose: documents with `<<` go to the composing reader, which applies merges as go-yaml v2 does.
 */
export const KUBE_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [plainScalar],
  explicit: ['bool', 'int', 'float', 'null', 'binary', 'timestamp'].map(tagged),
});
