/** One choice of a filter or picker: the value sent, the label shown. */
export interface Option {
  value: string;
  label: string;
}
