/** The JSON of the life-event guides (routes/guides/guides.tsx), for the OpenAPI document. */
import { Type } from 'typebox';

const Text = Type.Object({ text: Type.String(), lang: Type.String() });

export const GuideListSchema = Type.Array(
  Type.Object({ slug: Type.String(), title: Text, summary: Text, url: Type.String() }),
);

export const GuideSchema = Type.Object({
  slug: Type.String(),
  title: Text,
  summary: Type.Union([Text, Type.Null()]),
  url: Type.String(),
  municipality: Type.Union([Type.String(), Type.Null()]),
  last_reviewed: Type.Union([Type.String(), Type.Null()]),
  steps: Type.Array(
    Type.Object({
      title: Text,
      body: Type.Union([Text, Type.Null()]),
      life_situations: Type.Array(Type.String()),
      service_classes: Type.Array(Type.String()),
      services: Type.Union([
        Type.Array(Type.Object({ id: Type.String(), name: Text, url: Type.String() })),
        Type.Null(),
      ]),
      services_total: Type.Union([Type.Integer(), Type.Null()]),
    }),
  ),
});
