import { themeQuartz } from 'ag-grid-community';

/** Quartz, greyed down to the HMI palette; system fonts only (no web font is fetched). */
export const gridTheme = themeQuartz.withParams({
  fontFamily: ['system-ui', 'Segoe UI', 'Roboto', 'Helvetica Neue', 'Arial', 'sans-serif'],
  fontSize: 15,
  headerFontSize: 14,
  headerFontWeight: 600,
  backgroundColor: '#ececec',
  foregroundColor: '#1f1f1f',
  headerBackgroundColor: '#d9d9d9',
  headerTextColor: '#1f1f1f',
  oddRowBackgroundColor: '#e6e6e6',
  borderColor: '#a3a3a3',
  rowHoverColor: '#dcdfe2',
  selectedRowBackgroundColor: '#bcc5ce',
  accentColor: '#34414e',
  browserColorScheme: 'light',
  borderRadius: 2,
  wrapperBorderRadius: 2,
  cellHorizontalPadding: 10,
  rowHeight: 40,
  headerHeight: 40,
});
