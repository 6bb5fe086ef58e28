import { describe, expect, it } from 'vitest';
import { factsFromFileName } from './file-title';

describe('factsFromFileName', () => {
  it('takes the track number and separator off', () => {
    expect(factsFromFileName('02 - Low Lamp Blues')).toEqual({ title: 'Low Lamp Blues', trackNo: 2, discNo: null, artist: null });
    expect(factsFromFileName('07. Blue Hour')).toMatchObject({ title: 'Blue Hour', trackNo: 7 });
    expect(factsFromFileName('03 Ondas')).toMatchObject({ title: 'Ondas', trackNo: 3 });
    expect(factsFromFileName('Track 05 - Static Heart')).toMatchObject({ title: 'Static Heart', trackNo: 5 });
    expect(factsFromFileName('05 of 12 - Open Road')).toMatchObject({ title: 'Open Road', trackNo: 5 });
  });

  it('reads disc-track numbers', () => {
    expect(factsFromFileName('1-02 Skank Street')).toEqual({ title: 'Skank Street', trackNo: 2, discNo: 1, artist: null });
    expect(factsFromFileName('CD2-11 - Danube Demo')).toMatchObject({ title: 'Danube Demo', trackNo: 11, discNo: 2 });
  });

  it('turns underscores (and dots when there are no spaces) into spaces', () => {
    expect(factsFromFileName('04_little_demo_polka')).toMatchObject({ title: 'little demo polka', trackNo: 4 });
    expect(factsFromFileName('Mansion_of_the_Dead')).toMatchObject({ title: 'Mansion of the Dead', trackNo: null });
    expect(factsFromFileName('Open.Road.Live')).toMatchObject({ title: 'Open Road Live' });
    expect(factsFromFileName('Mr. Blue Sky')).toMatchObject({ title: 'Mr. Blue Sky' });
  });

  it('drops download-site and package prefixes', () => {
    expect(factsFromFileName('[www.free-music.net] 02 - Low Lamp Blues')).toMatchObject({ title: 'Low Lamp Blues', trackNo: 2 });
    expect(factsFromFileName('www.mp3site.com - 01 - Open Road')).toMatchObject({ title: 'Open Road', trackNo: 1, artist: null });
    expect(factsFromFileName('naev-data_machina')).toMatchObject({ title: 'machina', artist: null });
    expect(factsFromFileName('hyperrogue-music - 03 - crossroads')).toMatchObject({ title: 'crossroads', trackNo: 3 });
    expect(factsFromFileName('Blue Hour (musicsite.org)')).toMatchObject({ title: 'Blue Hour' });
    expect(factsFromFileName('Blue Hour {ripped by someone}')).toMatchObject({ title: 'Blue Hour' });
  });

  it('reads "Artist - Title" and "Artist - 02 - Title"', () => {
    expect(factsFromFileName('Muddy Creek Slim - Low Lamp Blues')).toEqual({ title: 'Low Lamp Blues', trackNo: null, discNo: null, artist: 'Muddy Creek Slim' });
    expect(factsFromFileName('Muddy Creek Slim - 02 - Low Lamp Blues')).toEqual({ title: 'Low Lamp Blues', trackNo: 2, discNo: null, artist: 'Muddy Creek Slim' });
    expect(factsFromFileName('01 - Trio Maré - Ondas')).toMatchObject({ title: 'Ondas', trackNo: 1, artist: 'Trio Maré' });
  });

  it('keeps words that only look like numbers or separators', () => {
    expect(factsFromFileName('1999')).toMatchObject({ title: '1999', trackNo: null });
    expect(factsFromFileName('01')).toMatchObject({ title: '01', trackNo: null });
    expect(factsFromFileName('2Pac Changes')).toMatchObject({ title: '2Pac Changes', trackNo: null });
    expect(factsFromFileName('Two-Step')).toMatchObject({ title: 'Two-Step', artist: null });
    expect(factsFromFileName('Bear (Live)')).toMatchObject({ title: 'Bear (Live)' });
  });

  it('never returns an empty title', () => {
    expect(factsFromFileName('www.site.com').title).toBe('www.site.com');
    expect(factsFromFileName('  ___  ').title.length).toBeGreaterThan(0);
  });
});
