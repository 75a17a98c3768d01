/**
 * A small OpenAPI v2 document shaped like kube-apiserver's `/openapi/v2`: ObjectMeta, one
 * built-in kind (v1 ConfigMap) and one CRD kind (example.com/v1 Widget, named by reversed group
 * as the apiextensions server does), each with its List.
 */
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const meta = (description: string) => ({ description, $ref: `#/definitions/${OBJECT_META}` });
const listMeta = { description: 'Standard list metadata.', $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta' };
const typeMeta = {
  apiVersion: { description: 'APIVersion defines the versioned schema of this representation of an object.', type: 'string' },
  kind: { description: 'Kind is a string value representing the REST resource this object represents.', type: 'string' },
};

export const FAKE_OPENAPI_V2 = {
  swagger: '2.0',
  info: { title: 'Kubernetes', version: 'v1.32.0-fake' },
  paths: {},
  definitions: {
    [OBJECT_META]: {
      description: 'ObjectMeta is metadata that all persisted resources must have.',
      type: 'object',
      properties: {
        name: { description: 'Name must be unique within a namespace.', type: 'string' },
        namespace: { description: 'Namespace defines the space within which each name must be unique.', type: 'string' },
        labels: { description: 'Map of string keys and values.', type: 'object', additionalProperties: { type: 'string', default: '' } },
        annotations: { description: 'Annotations is an unstructured key value map.', type: 'object', additionalProperties: { type: 'string', default: '' } },
        creationTimestamp: { description: 'Creation time.', $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time' },
      },
    },
    'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta': {
      description: 'ListMeta describes metadata that synthetic resources must have.',
      type: 'object',
      properties: { resourceVersion: { type: 'string' }, continue: { type: 'string' } },
    },
    'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { description: 'Time is a wrapper around time.Time.', type: 'string', format: 'date-time' },
    'io.k8s.api.core.v1.ConfigMap': {
      description: 'ConfigMap holds configuration data for pods to consume.',
      type: 'object',
      properties: {
        ...typeMeta,
        metadata: meta("Standard object's metadata."),
        data: { description: 'Data contains the configuration data.', type: 'object', additionalProperties: { type: 'string', default: '' } },
        immutable: { description: 'Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated.', type: 'boolean' },
      },
      'x-kubernetes-group-version-kind': [{ group: '', kind: 'ConfigMap', version: 'v1' }],
    },
    'io.k8s.api.core.v1.ConfigMapList': {
      type: 'object',
      required: ['items'],
      properties: { ...typeMeta, items: { type: 'array', items: { $ref: '#/definitions/io.k8s.api.core.v1.ConfigMap' } }, metadata: listMeta },
      'x-kubernetes-group-version-kind': [{ group: '', kind: 'ConfigMapList', version: 'v1' }],
    },
    'com.example.v1.Widget': {
      description: 'Widget is a CRD installed in the fake cluster.',
      type: 'object',
      required: ['spec'],
      properties: {
        ...typeMeta,
        metadata: meta("Standard object's metadata."),
        spec: {
          description: 'WidgetSpec is the desired state of a Widget.',
          type: 'object',
          required: ['size'],
          properties: {
            size: { description: 'How many sprockets the widget has.', type: 'integer', format: 'int64' },
            color: { description: 'Paint colour.', type: 'string', enum: ['red', 'green', 'blue'] },
            port: { description: 'Port number or name.', 'x-kubernetes-int-or-string': true },
            extra: { description: 'Free-form settings.', type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          },
        },
        status: { type: 'object', properties: { ready: { type: 'boolean' } } },
      },
      'x-kubernetes-group-version-kind': [{ group: 'example.com', kind: 'Widget', version: 'v1' }],
    },
    'com.example.v1.WidgetList': {
      type: 'object',
      required: ['items'],
      properties: { ...typeMeta, items: { type: 'array', items: { $ref: '#/definitions/com.example.v1.Widget' } }, metadata: listMeta },
      'x-kubernetes-group-version-kind': [{ group: 'example.com', kind: 'WidgetList', version: 'v1' }],
    },
  },
};
